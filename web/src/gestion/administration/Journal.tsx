// /gestion/journal (auditor, admin): the académie's audit log, oldest first, 50 entries a page
// (keyset: ?apres=<seq>), its filters kept in the address, each entry's before/after in words,
// and the CSV export of the same filters.
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ErrorSummary } from "../../components/ErrorSummary";
import { splitApiError, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { formatDateTime } from "../../format";
import { staffApi } from "../staffApi";
import { useGestionTitle } from "../useGestionTitle";
import { AuditChanges } from "./AuditChanges";
import { actionLabel, targetLabel } from "./auditLabels";
import { JournalFilterForm } from "./JournalFilterForm";
import { apiQuery, filtersOf, paramsOf, type JournalFilters } from "./journalQuery";
import { ScrollingTable } from "./ScrollingTable";
import type { AuditPage } from "./types";

const pageSize = 50;

const fields: FieldSpec[] = [
  { name: "action", id: "filtre-action", label: "Action" },
  { name: "actor", id: "filtre-auteur", label: "Auteur" },
  { name: "target", id: "filtre-objet", label: "Identifiant de l'objet" },
  { name: "from", id: "filtre-du", label: "Du" },
  { name: "to", id: "filtre-au", label: "Au" },
];

export function Journal() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const after = params.get("apres");
  const [page, setPage] = useState<AuditPage | null>(null);
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  useGestionTitle(summary.length || message ? "Erreur – Journal" : "Journal");

  const query = useMemo(() => apiQuery(filters, after), [filters, after]);
  const csvHref = `/api/v1/admin/audit.csv?${apiQuery(filters).toString()}`;

  useEffect(() => {
    let live = true;
    setPage(null);
    const q = new URLSearchParams(query);
    q.set("limit", String(pageSize));
    void staffApi.get<AuditPage>(`/api/v1/admin/audit?${q.toString()}`).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPage(r.data);
        setFaults({});
        setMessage(undefined);
      } else {
        attempt.current += 1;
        const split = splitApiError(r.error, fields);
        setFaults(split.faults);
        setMessage(split.message);
      }
    });
    return () => {
      live = false;
    };
  }, [query]);

  function apply(f: JournalFilters) {
    if (f.from && f.to && f.from > f.to) {
      attempt.current += 1;
      setFaults({ to: "Le dernier jour doit venir après le premier." });
      setMessage(undefined);
      return;
    }
    setParams(paramsOf(f));
  }

  const nextParams = new URLSearchParams(paramsOf(filters));
  if (page?.next != null) nextParams.set("apres", String(page.next));
  const active = paramsOf(filters).toString() !== "";

  return (
    <>
      <h1>Journal des actions</h1>
      <p>
        Ce que chacun a fait dans la gestion de l'académie, du plus ancien au plus récent. Le journal ne peut être ni
        modifié ni effacé.
      </p>
      <ErrorSummary key={attempt.current} title="Le journal n'a pas pu être filtré" faults={summary} message={message} />
      <JournalFilterForm value={filters} faults={faults} onSubmit={apply} />
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={csvHref} download>
          Exporter en CSV{active ? " (avec ces filtres)" : ""}
          <span className="fr-sr-only"> – fichier CSV, séparateur point-virgule</span>
        </a>
      </p>
      {!page && !message && summary.length === 0 && <p>Chargement…</p>}
      {page && page.entries.length === 0 && (
        <Alert
          severity="info"
          small
          description={after ? "Il n'y a pas d'autre action après celles déjà vues." : "Aucune action ne correspond à ces filtres."}
        />
      )}
      {page && page.entries.length > 0 && (
        <ScrollingTable caption={<>Actions {page.entries[0].seq} à {page.entries[page.entries.length - 1].seq}
                    {active ? " (filtrées)" : ""}</>}>
                  <thead>
                    <tr>
                      <th scope="col">N°</th>
                      <th scope="col">Date</th>
                      <th scope="col">Action</th>
                      <th scope="col">Changements</th>
                      <th scope="col">Auteur</th>
                      <th scope="col">Objet</th>
                      <th scope="col">Motif</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.entries.map((e) => (
                      <tr key={e.seq}>
                        <td>{e.seq}</td>
                        <td>{formatDateTime(e.at)}</td>
                        <th scope="row">{actionLabel(e.action)}</th>
                        <td>
                          <AuditChanges entry={e} />
                        </td>
                        <td>
                          {e.actor.name ?? e.actor.id}
                          <br />
                          <span className="fr-text--xs fr-mb-0">{e.actor.id}</span>
                        </td>
                        <td>
                          {targetLabel(e.target.type)}
                          {e.target.id && (
                            <>
                              <br />
                              <span className="fr-text--xs fr-mb-0">{e.target.id}</span>
                            </>
                          )}
                        </td>
                        <td>{e.reason || "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
      )}
      {page && (after || page.next != null) && (
        <nav role="navigation" aria-label="Pages du journal" className="fr-mt-2w">
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            {after && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`?${paramsOf(filters).toString()}`}>
                  Revenir aux premières actions
                </Link>
              </li>
            )}
            {page.next != null && (
              <li>
                <Link className="fr-btn" to={`?${nextParams.toString()}`}>
                  Actions suivantes
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
