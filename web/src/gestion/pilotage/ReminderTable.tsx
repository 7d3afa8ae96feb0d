// The candidates to remind: a checkbox each (and one for all), their pieces' state, what is
// missing, the deadline, the last reminder, and the preview of their mail.
import { Link } from "react-router";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ScrollingTable } from "../administration/ScrollingTable";
import { formatDateTime } from "../../format";
import { piecesStateLabels, plural } from "./labels";
import type { ReminderCandidate } from "./types";

export function candidateName(c: ReminderCandidate): string {
  return `${c.last_name.toUpperCase()} ${c.first_name}`;
}

function Check({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div className="fr-checkbox-group fr-checkbox-group--sm">
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

export function ReminderTable({
  candidates,
  timezone,
  withinDays,
  checked,
  onCheck,
  onPreview,
}: {
  candidates: ReminderCandidate[];
  timezone: string;
  withinDays: number;
  checked: Set<string>;
  onCheck: (ids: string[], on: boolean) => void;
  onPreview: (c: ReminderCandidate) => void;
}) {
  const all = candidates.length > 0 && candidates.every((c) => checked.has(c.registration_id));
  return (
    <ScrollingTable caption={`Candidats à relancer : pièces non complètes, date limite dans ${plural(withinDays, "jour")} au plus (${candidates.length})`}>
      <thead>
        <tr>
          <th scope="col" className="fr-cell--fixed">
            <Check id="relance-tous" label="Cocher tous les candidats" checked={all} onChange={(on) => onCheck(candidates.map((c) => c.registration_id), on)} />
          </th>
          <th scope="col">Candidat</th>
          <th scope="col">Inscription</th>
          <th scope="col">Pièces</th>
          <th scope="col">Pièces manquantes</th>
          <th scope="col">Date limite</th>
          <th scope="col">Dernière relance</th>
          <th scope="col">Courriel</th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((c) => (
          <tr key={c.registration_id}>
            <td className="fr-cell--fixed">
              <Check
                id={`relance-${c.registration_id}`}
                label={`Relancer ${candidateName(c)}`}
                checked={checked.has(c.registration_id)}
                onChange={(on) => onCheck([c.registration_id], on)}
              />
            </td>
            <th scope="row" className="fr-cell--multiline" style={{ minWidth: "7rem" }}>
              {candidateName(c)}
            </th>
            <td className="fr-cell--multiline" style={{ minWidth: "10rem" }}>
              <Link to={`/gestion/inscriptions/${encodeURIComponent(c.registration_id)}`} style={{ whiteSpace: "nowrap" }}>
                {c.registration_number}
              </Link>
              <br />
              <span className="fr-text--xs">{c.exam_name}</span>
            </td>
            <td>{piecesStateLabels[c.pieces_state] ?? "État inconnu"}</td>
            <td className="fr-cell--multiline" style={{ minWidth: "10rem" }}>{c.missing.length ? c.missing.join(", ") : "Aucune"}</td>
            <td className="fr-cell--multiline" style={{ minWidth: "8rem" }}>{formatDateTime(c.deadline, timezone)}</td>
            <td className="fr-cell--multiline">
              {c.reminded_today ? (
                <Badge small severity="info" noIcon>
                  Relancé aujourd'hui
                </Badge>
              ) : c.last_reminded_at ? (
                formatDateTime(c.last_reminded_at, timezone)
              ) : (
                "Jamais"
              )}
            </td>
            <td>
              <Button priority="tertiary" size="small" onClick={() => onPreview(c)}>
                Aperçu<span className="fr-sr-only"> du courriel pour {candidateName(c)}</span>
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}
