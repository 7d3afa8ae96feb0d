// Outside the window: no wizard, the dates instead (from the session, or the API's 409 message).
import { Link } from "react-router";
import type { SessionInfo } from "../../api/types";
import { formatDateTime } from "../../format";
import { useAcademyZones } from "./useAcademyZones";

export function ClosedNotice({
  session,
  mode,
  before,
  message,
}: {
  session: SessionInfo;
  mode: "new" | "edit";
  before?: boolean;
  message?: string;
}) {
  const tz = useAcademyZones()(session.academy);
  const title = before
    ? "Le service d'inscription n'est pas encore ouvert"
    : mode === "new"
      ? "Le service d'inscription est fermé"
      : "Les modifications ne sont plus possibles";
  const text =
    message ??
    (before
      ? `Les inscriptions à cette session seront possibles du ${formatDateTime(session.opens_at, tz)} au ${formatDateTime(session.closes_at, tz)}.`
      : mode === "new"
        ? `Les inscriptions à cette session étaient possibles du ${formatDateTime(session.opens_at, tz)} au ${formatDateTime(session.closes_at, tz)}. Aucune inscription n'est reçue après la clôture du service d'inscription.`
        : `Les modifications d'inscription étaient possibles jusqu'au ${formatDateTime(session.edits_close_at, tz)}. Pour signaler un changement, contactez le service gestionnaire.`);
  return (
    <div className="fr-alert fr-alert--warning fr-mb-4w">
      <h2 className="fr-alert__title">{title}</h2>
      <p>{text}</p>
      <p className="fr-mt-1w">
        <Link to="/mes-inscriptions">Mes inscriptions</Link> · <Link to="/">Ouverture des services</Link>
      </p>
    </div>
  );
}
