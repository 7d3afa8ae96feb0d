// One page of the search's results: each registration with its labels (exam, session,
// speciality, office, status), its pieces' confirmation and its last change.
import { Link } from "react-router";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { OfficeTable } from "./OfficeTable";
import { statusLabels } from "./labels";
import { shortDateTime } from "./dates";
import { examLabel, poleLabel, sessionLabel, specialityLabel, type AcademyRules } from "./useAcademyRules";
import type { OfficePage } from "./types";

export function ResultsTable({ page, rules, pageNumber }: { page: OfficePage; rules: AcademyRules | null; pageNumber: number }) {
  const tz = rules?.academy.timezone;
  const rows = page.registrations.map((r) => [
    <Link to={`/gestion/inscriptions/${encodeURIComponent(r.id)}`}>{r.registration_number}</Link>,
    <>
      {r.last_name.toUpperCase()} {r.first_name}
      <br />
      <span className="fr-text--xs">n° candidat {r.candidate_number}</span>
    </>,
    examLabel(rules, r.exam),
    sessionLabel(rules, r.exam, r.session),
    specialityLabel(rules, r.exam, r.session, r.speciality),
    poleLabel(rules, r.pole),
    <Badge small severity={r.status === "withdrawn" ? "warning" : "success"} noIcon style={{ whiteSpace: "nowrap" }}>
      {statusLabels[r.status] ?? r.status}
    </Badge>,
    r.pieces_confirmed_at ? `Confirmées le ${shortDateTime(r.pieces_confirmed_at, tz)}` : "Non confirmées",
    shortDateTime(r.updated_at, tz),
  ]);
  return (
    <OfficeTable
      id="resultats"
      caption={`Inscriptions trouvées, page ${pageNumber}`}
      headers={["Numéro d'inscription", "Candidat", "Examen", "Session", "Spécialité", "Pôle", "Statut", "Pièces", "Modifié le"]}
      rows={rows}
      rowKeys={page.registrations.map((r) => r.id)}
      rowHeaderWraps={false}
    />
  );
}
