// What the national notice explains when an address already has an account (409 email_taken).
import { Link } from "react-router";

export function EmailTakenHelp() {
  return (
    <div className="fr-callout fr-mb-4w">
      <h2 className="fr-callout__title fr-h6">Si vous ne parvenez pas à créer votre compte</h2>
      <p>Cette adresse mail existe déjà dans l'application. Voici les explications possibles :</p>
      <ul>
        <li>
          Vous ou l'un de vos proches avez déjà créé un compte sur cet espace candidat, pour cette session ou pour une
          session précédente. Vous pouvez, dans ce cas, vous connecter avec votre adresse mail et votre mot de passe si
          vous le connaissez, ou bien cliquer sur « Mot de passe oublié, réinitialisation du mot de passe » et le
          modifier.
        </li>
        <li>
          Il existe déjà un candidat qui possède la même adresse mail. Votre adresse mail est peut-être positionnée sur
          la candidature de l'un de vos proches ou de vous-même à un examen. Dans ce cas, vous ne pourrez pas créer de
          compte avec cette adresse et devez en utiliser une autre.
        </li>
      </ul>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <Link className="fr-btn" to="/connexion">
            Me connecter
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/mot-de-passe-oublie">
            Mot de passe oublié, réinitialisation du mot de passe
          </Link>
        </li>
      </ul>
    </div>
  );
}
