// The journal's filters live in the page's address (?action=&auteur=&objet=&du=&au=&apres=) and
// become the API's query (action, actor, target, from, to, after) for the list and the CSV.

export interface JournalFilters {
  action: string;
  actor: string;
  target: string;
  from: string; // yyyy-mm-dd, the first day included
  to: string; // yyyy-mm-dd, the last day included
}

export const emptyFilters: JournalFilters = { action: "", actor: "", target: "", from: "", to: "" };

export function filtersOf(params: URLSearchParams): JournalFilters {
  return {
    action: params.get("action") ?? "",
    actor: params.get("auteur") ?? "",
    target: params.get("objet") ?? "",
    from: params.get("du") ?? "",
    to: params.get("au") ?? "",
  };
}

export function paramsOf(f: JournalFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.action) p.set("action", f.action);
  if (f.actor) p.set("auteur", f.actor);
  if (f.target) p.set("objet", f.target);
  if (f.from) p.set("du", f.from);
  if (f.to) p.set("au", f.to);
  return p;
}

// Midnight of a day in the browser's zone, with its offset (the API wants RFC 3339 with one).
function localMidnight(day: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T00:00:00` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  );
}

export function apiQuery(f: JournalFilters, after?: string | null): URLSearchParams {
  const q = new URLSearchParams();
  if (f.action) q.set("action", f.action);
  if (f.actor) q.set("actor", f.actor);
  if (f.target) q.set("target", f.target);
  const from = f.from && localMidnight(f.from);
  const to = f.to && localMidnight(f.to, 1);
  if (from) q.set("from", from);
  if (to) q.set("to", to);
  if (after) q.set("after", after);
  return q;
}
