// What the candidate does after registering: the session's own instructions and deadline, the
// postal address (postal mode) or the way to Mes justificatifs (upload mode).
import { Link } from "react-router";
import type { SessionInfo } from "../../api/types";

export function NextSteps({ session, registrationId, headingLevel = 3 }: { session: SessionInfo; registrationId: string; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  const fr = session.final_registration;
  const address = session.postal_address as string[] | undefined;
  return (
    <section className="fr-mb-4w" aria-labelledby="etapes-suivantes">
      <Heading id="etapes-suivantes" className="fr-h5">
        {fr.mode === "postal" ? "Envoi de votre dossier par courrier" : "Dépôt de vos pièces justificatives"}
      </Heading>
      {fr.instructions && <p>{fr.instructions}</p>}
      {fr.deadline_text && (
        <p className="fr-text--bold">
          Date limite : {fr.deadline_text}.
        </p>
      )}
      {fr.mode === "postal" && address && address.length > 0 && (
        <>
          <p className="fr-mb-1w">Adresse d'envoi :</p>
          <address className="fr-mb-2w">
            {address.map((line) => (
              <span key={line}>
                {line}
                <br />
              </span>
            ))}
          </address>
        </>
      )}
      <ul>
        {fr.mode === "upload" && (
          <li>
            <Link to={`/mes-justificatifs/${registrationId}`}>Mes justificatifs : déposer mes pièces</Link>
          </li>
        )}
        <li>
          <Link to={`/mes-documents/${registrationId}`}>Mes documents</Link>
        </li>
      </ul>
    </section>
  );
}
