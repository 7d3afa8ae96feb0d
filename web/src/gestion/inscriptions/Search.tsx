// /gestion/inscriptions: the académie's registrations, searched with the filters in the URL,
// shown a page at a time (keyset paging: « Page suivante » follows the API's `next`), with the
// CSV export of the same search.
import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useGestionTitle } from "../useGestionTitle";
import { useStaffSession } from "../StaffSession";
import { staffApi } from "../staffApi";
import type { ApiError } from "../../api/client";
import { SearchForm } from "./SearchForm";
import { ResultsTable } from "./ResultsTable";
import { filtersOf, queryOf, type Filters } from "./searchParams";
import { useAcademyRules } from "./useAcademyRules";
import type { OfficePage } from "./types";

export function Search() {
  useGestionTitle("Inscriptions");
  const { me } = useStaffSession();
  const { rules } = useAcademyRules(me?.academy);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersOf(params);
  const after = params.get("apres") ?? "";
  const limit = params.get("limit") ?? "";
  const pageNumber = Math.max(1, Number(params.get("page")) || 1);
  const filterQuery = queryOf(filters);
  const [result, setResult] = useState<{ key: string; page?: OfficePage; error?: ApiError } | null>(null);
  const requestKey = queryOf(filters, { limit, after });

  useEffect(() => {
    let live = true;
    void staffApi.get<OfficePage>(`/api/v1/admin/registrations?${requestKey}`).then((r) => {
      if (live) setResult(r.ok ? { key: requestKey, page: r.data } : { key: requestKey, error: r.error });
    });
    return () => {
      live = false;
    };
  }, [requestKey]);

  const search = (f: Filters, limit: string) => {
    const q = queryOf({ ...f, sort: f.sort === "number" ? "" : f.sort }, { limit });
    navigate(`/gestion/inscriptions${q ? `?${q}` : ""}`);
  };
  const current = result?.key === requestKey ? result : null;
  const page = current?.page;
  const base = queryOf(filters, { limit });
  const nextHref = page?.next
    ? `/gestion/inscriptions?${queryOf(filters, { limit, apres: page.next, page: String(pageNumber + 1) })}`
    : null;

  return (
    <>
      <h1>Inscriptions</h1>
      <SearchForm key={`${filterQuery}&${limit}`} initial={filters} initialLimit={limit} rules={rules} onSearch={search} />
      <div className="fr-grid-row fr-grid-row--middle fr-grid-row--gutters fr-mb-2w">
        <p className="fr-col-12 fr-col-md-8 fr-mb-0" role="status">
          {current === null
            ? "Recherche en cours…"
            : page
              ? page.registrations.length === 0
                ? "Aucune inscription ne correspond à cette recherche."
                : `Page ${pageNumber} : ${page.registrations.length} inscription${page.registrations.length > 1 ? "s" : ""} affichée${page.registrations.length > 1 ? "s" : ""}${page.next ? ", d'autres suivent" : ""}.`
              : ""}
        </p>
        <div className="fr-col-12 fr-col-md-4">
        <a
          className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-download-line"
          href={`/api/v1/admin/registrations.csv${filterQuery ? `?${filterQuery}` : ""}`}
          download
        >
          Exporter en CSV
        </a>
        </div>
      </div>
      {current?.error && <Alert severity="error" title="La recherche n'a pas abouti" description={current.error.message} className="fr-mb-4w" />}
      {page && page.registrations.length > 0 && <ResultsTable page={page} rules={rules} pageNumber={pageNumber} />}
      {page && (after || nextHref) && (
        <nav aria-label="Pages de résultats" className="fr-mt-2w">
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {after && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/gestion/inscriptions${base ? `?${base}` : ""}`}>
                  Première page
                </Link>
              </li>
            )}
            {nextHref && (
              <li>
                <Link className="fr-btn" to={nextHref}>
                  Page suivante
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
