// A postal session: nothing is uploaded; the session's own instructions, where to send the
// file and by when, instead of the upload form.
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { SessionInfo } from "../../api/types";

export function PostalInstructions({
  session,
  message,
  registrationId,
}: {
  session: SessionInfo | null;
  message?: string; // the API's 409 postal_session sentence, when the session could not be read
  registrationId: string;
}) {
  const fr = session?.final_registration;
  const address = (session?.postal_address as string[] | undefined) ?? [];
  return (
    <>
      <Alert
        className="fr-mb-4w"
        severity="info"
        title="Pièces justificatives à envoyer par courrier"
        description={
          message ??
          "Pour cette session, les pièces justificatives ne se déposent pas en ligne : elles sont envoyées par courrier postal avec votre confirmation d'inscription."
        }
      />
      {fr?.instructions && (
        <>
          <h2>Ce que vous devez faire</h2>
          <p>{fr.instructions}</p>
        </>
      )}
      {fr?.deadline_text && (
        <p className="fr-text--bold">Date limite d'envoi : votre dossier doit être envoyé {fr.deadline_text}.</p>
      )}
      {address.length > 0 && (
        <>
          <h2>Adresse d'envoi</h2>
          <address className="fr-mb-4w">
            {address.map((line, i) => (
              <span key={i}>
                {line}
                <br />
              </span>
            ))}
          </address>
        </>
      )}
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={`/mes-documents/${registrationId}`}>
          Imprimer ma confirmation d'inscription depuis Mes documents
        </Link>
      </p>
    </>
  );
}
