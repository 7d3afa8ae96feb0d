// The days-since-opening series of the dashboard: the current session and the previous one on
// one axis (day 0 = each exam's opening day), as rows a chart and its table share.
import type { DayCount } from "./types";

export interface DayRow {
  day: number;
  date: string | null;
  count: number | null;
  cumulative: number | null;
  previousDate: string | null;
  previousCount: number | null;
  previousCumulative: number | null;
}

export function dayRows(current: DayCount[], previous: DayCount[] | null): DayRow[] {
  const now = new Map(current.map((d) => [d.day, d]));
  const before = new Map((previous ?? []).map((d) => [d.day, d]));
  const last = Math.max(-1, ...current.map((d) => d.day), ...(previous ?? []).map((d) => d.day));
  const rows: DayRow[] = [];
  for (let day = 0; day <= last; ++day) {
    const c = now.get(day);
    const p = before.get(day);
    rows.push({
      day,
      date: c?.date ?? null,
      count: c?.count ?? null,
      cumulative: c?.cumulative ?? null,
      previousDate: p?.date ?? null,
      previousCount: p?.count ?? null,
      previousCumulative: p?.cumulative ?? null,
    });
  }
  return rows;
}

/** "2024-10-10" (a calendar day) as « 10 oct. 2024 ». */
export function shortDay(date: string | null): string {
  if (!date) return "";
  return new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
