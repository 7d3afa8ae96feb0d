// Wall-clock times in an académie's zone and the RFC 3339 instants the API takes, with the
// zone's offset at that very moment (summer or winter time). One place for the back office's
// date fields (activation, simulator, derogation).

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Minutes east of UTC of `zone` at the UTC instant `ms`. */
export function offsetMinutes(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/** A wall time in `zone` as "2024-11-15T12:00:00+01:00" and its instant (ms since epoch). */
export function zonedInstant(w: WallTime, zone: string): { iso: string; ms: number } {
  const second = w.second ?? 0;
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, second);
  // The offset at the wall time read as UTC, then corrected once (enough across a DST change).
  let offset = offsetMinutes(wall, zone);
  offset = offsetMinutes(wall - offset * 60000, zone);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const iso =
    `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { iso, ms: wall - offset * 60000 };
}

/** The wall time of the instant `ms` in `zone`. */
export function wallTimeOf(ms: number, zone: string): WallTime {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes(ms, zone) * 60000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}
