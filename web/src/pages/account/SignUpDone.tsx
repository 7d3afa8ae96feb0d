// After the sign-up: where the activation mail went and how long the link lasts.
import { Link } from "react-router";
import { useFocusOnMount } from "./useFocusOnMount";

export function SignUpDone({ email }: { email: string }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Activez votre compte
      </h1>
      <div className="fr-alert fr-alert--success fr-mb-4w">
        <h2 className="fr-alert__title">Votre compte a été créé</h2>
        <p>
          Un mail vient d'être envoyé à l'adresse <strong>{email}</strong>.
        </p>
      </div>
      <p>
        Vous avez <strong>48 h</strong> pour cliquer sur le lien « Activer mon compte » de ce mail, sinon votre compte
        sera supprimé et vous devrez le créer à nouveau.
      </p>
      <p>
        Conservez bien votre mot de passe pour pouvoir vous connecter tout le long de la session et accéder aux
        documents mis à votre disposition dans votre espace candidat.
      </p>
      <p>
        Vous ne trouvez pas le mail ? Regardez dans le dossier des courriers indésirables. Vous pouvez aussi demander
        un nouveau lien d'activation depuis la page{" "}
        <Link to="/mot-de-passe-oublie">Mot de passe oublié, réinitialisation du mot de passe</Link>.
      </p>
    </>
  );
}
