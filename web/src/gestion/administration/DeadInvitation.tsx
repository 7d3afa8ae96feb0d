// An invitation link that no longer works (used, expired, cut): the API's sentence and the way out.
import { Link } from "react-router";
import { useFocusOnMount } from "../../pages/account/useFocusOnMount";

export function DeadInvitation({ message }: { message: string }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Ce lien d'invitation ne fonctionne plus
      </h1>
      <div className="fr-alert fr-alert--error fr-mb-4w">
        <p>{message}</p>
      </div>
      <p>
        Une invitation ne sert qu'une fois et reste valable 72 heures. Si vous avez déjà activé votre compte,
        connectez-vous. Sinon, demandez à l'administrateur de votre académie de vous envoyer une nouvelle invitation.
      </p>
      <Link className="fr-btn" to="/gestion/connexion">
        Aller à la page de connexion
      </Link>
    </>
  );
}
