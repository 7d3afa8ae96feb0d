// The search's filters live in the page's address, so a reload or a shared link shows the same
// search; the CSV export takes the same filters.
export const filterNames = ["q", "exam", "session", "speciality", "pole", "status", "pieces", "sort"] as const;
export type FilterName = (typeof filterNames)[number];
export type Filters = Record<FilterName, string>;

export function filtersOf(params: URLSearchParams): Filters {
  const f = {} as Filters;
  for (const n of filterNames) f[n] = params.get(n) ?? "";
  return f;
}

/** The filters that are set, as a query string (without "?"). */
export function queryOf(filters: Partial<Filters>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const n of filterNames) {
    const v = filters[n]?.trim();
    if (v) q.set(n, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  return q.toString();
}
