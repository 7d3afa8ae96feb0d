// The registration's history, newest first: each version with its date, author, reason, the
// rule-set version that judged it, and what changed from the version before.
import { formatDateTime } from "../../format";
import type { FormSpec } from "../../form/visibility";
import { OfficeTable } from "./OfficeTable";
import { changesBetween } from "./diff";
import { statusLabels } from "./labels";
import type { HistoryVersion, OfficeCandidate } from "./types";

function authorOf(v: HistoryVersion, candidate: OfficeCandidate): string {
  if (v.changed_by.kind === "candidate") return `Le candidat (${candidate.first_name} ${candidate.last_name})`;
  return v.changed_by.name ? `${v.changed_by.name} (gestion)` : "Un membre du bureau des examens";
}

export function History({
  versions,
  form,
  candidate,
  poleName,
  timeZone,
  withdrawnIn,
}: {
  versions: HistoryVersion[];
  form: FormSpec | undefined;
  candidate: OfficeCandidate;
  poleName: (code: string) => string;
  timeZone?: string;
  /** The version that withdrew the registration: the history has no status, but a withdrawn
   * registration is read-only, so its last version is the withdrawal. */
  withdrawnIn?: number;
}) {
  const ordered = versions.map((v, i) => ({ v, prev: i > 0 ? versions[i - 1] : null })).reverse();
  return (
    <section aria-labelledby="historique-titre" className="fr-mb-6w">
      <h2 id="historique-titre">Historique</h2>
      {ordered.map(({ v, prev }) => {
        const changes = prev ? changesBetween(prev, v, form, poleName) : [];
        if (prev && v.version === withdrawnIn)
          changes.unshift({ key: "status", what: "Statut", before: statusLabels.registered, after: statusLabels.withdrawn });
        return (
          <section key={v.version} aria-labelledby={`version-${v.version}`} className="fr-mb-4w">
            <h3 id={`version-${v.version}`} className="fr-h5">
              Version {v.version}
            </h3>
            <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
              {[
                ["Enregistrée le", formatDateTime(v.saved_at, timeZone)],
                ["Par", authorOf(v, candidate)],
                ["Motif", v.reason || (v.changed_by.kind === "candidate" ? "Saisie du candidat" : "Non précisé")],
                ["Version des règles qui l'a jugée", <code>{v.rule_set_version}</code>],
              ].map(([label, value], i) => (
                <div key={i} className="fr-col-12 fr-col-md-6 fr-col-lg-3">
                  <dt className="fr-text--bold fr-mb-0">{label}</dt>
                  <dd className="fr-ml-0">{value}</dd>
                </div>
              ))}
            </dl>
            {!prev ? (
              <p>Première version de l'inscription.</p>
            ) : changes.length === 0 ? (
              <p>Aucun changement des réponses, des pièces ni du pôle.</p>
            ) : (
              <OfficeTable
                id={`changements-${v.version}`}
                caption={`Changements de la version ${v.version} par rapport à la version ${prev.version}`}
                headers={["Élément", "Avant", "Après"]}
                rows={changes.map((c) => [c.what, c.before, c.after])}
                rowKeys={changes.map((c) => c.key)}
                cellMinWidth="8rem"
              />
            )}
          </section>
        );
      })}
    </section>
  );
}
