// The second step of an activation: the authenticator app. The QR code is drawn in the page and
// the secret is given in groups of 4 for manual entry; the server shows them only once.
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useFocusOnMount } from "../../pages/account/useFocusOnMount";
import { TotpQrCode } from "./TotpQrCode";
import type { Enrolment } from "./types";

export function groupsOf4(secret: string): string {
  return secret.replace(/=+$/, "").match(/.{1,4}/g)?.join(" ") ?? secret;
}

export function TotpEnrolment({ enrolment }: { enrolment: Enrolment }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Relier votre compte à une application d'authentification
      </h1>
      <Alert
        severity="success"
        small
        className="fr-mb-4w"
        description="Votre mot de passe est enregistré. Il reste à relier votre compte à votre téléphone."
      />
      <Alert
        severity="warning"
        small
        className="fr-mb-4w"
        description="Ce code QR et cette clé ne s'affichent qu'une fois : ne quittez pas cette page avant d'avoir terminé l'étape 2."
      />
      <ol className="fr-mb-4w">
        <li className="fr-mb-3w">
          <h2 className="fr-h5 fr-mb-1w">Installez une application d'authentification</h2>
          <p className="fr-mb-0">
            Sur votre téléphone professionnel, installez une application qui produit des codes à 6 chiffres
            (par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator) si vous n'en avez pas déjà une.
          </p>
        </li>
        <li className="fr-mb-3w">
          <h2 className="fr-h5 fr-mb-1w">Ajoutez votre compte dans l'application</h2>
          <p>Dans l'application, choisissez d'ajouter un compte, puis scannez ce code QR :</p>
          <div className="fr-mb-2w">
            <TotpQrCode
              uri={enrolment.otpauth_uri}
              label="Code QR à scanner avec votre application d'authentification"
            />
          </div>
          <p className="fr-mb-1w">Si vous ne pouvez pas scanner, saisissez cette clé dans l'application :</p>
          <p className="fr-text--lead fr-mb-1w">
            <code data-testid="cle-totp">
              {groupsOf4(enrolment.totp_secret)}
            </code>
          </p>
          <p className="fr-text--sm fr-mb-0">
            Type : basé sur l'heure (TOTP), 6 chiffres, toutes les 30 secondes. Les espaces ne comptent pas.
          </p>
        </li>
        <li>
          <h2 className="fr-h5 fr-mb-1w">Connectez-vous</h2>
          <p>
            Sur la page de connexion, saisissez votre adresse mail, votre mot de passe et le code à 6 chiffres que
            l'application affiche à ce moment-là.
          </p>
          <Link className="fr-btn" to="/gestion/connexion">
            Aller à la page de connexion
          </Link>
        </li>
      </ol>
    </>
  );
}
