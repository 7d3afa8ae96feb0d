// The simulator's date and time inputs ("2024-11-15", "12:00") in the académie's zone, to and
// from the RFC 3339 instant the API takes.
import { wallTimeOf, zonedInstant as toInstant } from "../zonedTime";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2024-11-15" + "12:00" in Europe/Paris -> "2024-11-15T12:00:00+01:00"; null when malformed. */
export function zonedInstant(day: string, time: string, zone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return null;
  return toInstant({ year: +d[1], month: +d[2], day: +d[3], hour: +t[1], minute: +t[2], second: t[3] ? +t[3] : 0 }, zone)
    .iso;
}

/** The wall-clock date and time of an instant in `zone`, as the date and time inputs hold them. */
export function wallClock(ms: number, zone: string): { day: string; time: string } {
  const w = wallTimeOf(ms, zone);
  return { day: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}
