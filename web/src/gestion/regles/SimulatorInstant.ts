// A wall-clock date and time in the académie's zone as an RFC 3339 instant with that zone's
// offset at that moment (DST included), and the reverse for the default value of the fields.

/** Minutes east of UTC of `zone` at the UTC instant `ms`. */
function offsetMinutes(ms: number, zone: string): number {
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

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2024-11-15" + "12:00" in Europe/Paris -> "2024-11-15T12:00:00+01:00"; null when malformed. */
export function zonedInstant(day: string, time: string, zone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2], t[3] ? +t[3] : 0);
  // The offset at the wall time read as UTC, then corrected once (enough across a DST change).
  let offset = offsetMinutes(wall, zone);
  offset = offsetMinutes(wall - offset * 60000, zone);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${day}T${pad(+t[1])}:${t[2]}:${t[3] ?? "00"}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock date and time of an instant in `zone`, as the date and time inputs hold them. */
export function wallClock(ms: number, zone: string): { day: string; time: string } {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes(ms, zone) * 60000);
  return {
    day: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}
