// A date and time typed in the académie's zone ("JJ/MM/AAAA", "HH:MM") made into the RFC 3339
// instant the API takes, with the zone's offset at that moment (summer or winter time).
import { zonedInstant } from "../zonedTime";

export type ParsedTime = { ok: true; iso: string; ms: number } | { ok: false; field: "date" | "time"; message: string };

export function parseLocalTime(date: string, time: string, timeZone: string): ParsedTime {
  const d = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date);
  if (!d) return { ok: false, field: "date", message: "Indiquez la date au format JJ/MM/AAAA, par exemple 08/11/2024." };
  const t = /^\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*$/.exec(time);
  if (!t) return { ok: false, field: "time", message: "Indiquez l'heure au format HH:MM, par exemple 14:30." };
  const [day, month, year] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hour, minute, second] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1)
    return { ok: false, field: "date", message: "Cette date n'existe pas." };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, field: "time", message: "Cette heure n'existe pas." };
  const { iso, ms } = zonedInstant({ year, month, day, hour, minute, second }, timeZone);
  return { ok: true, iso, ms };
}

/** The server's now (its clock may be simulated): the public services answer says it. */
export async function serverNow(): Promise<number | null> {
  try {
    const r = await fetch("/api/v1/services", { headers: { Accept: "application/json" } });
    if (!r.ok) return null;
    const at = Date.parse((await r.json()).at);
    return Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}
