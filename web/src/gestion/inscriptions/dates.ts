import { zonedInstant } from "../zonedTime";

// Short French date-times for tables ("01/11/2024 à 10:00"), in the académie's zone.
export function shortDateTime(iso: string, timeZone = "Europe/Paris"): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone }).format(d);
  const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone }).format(d);
  return `${day} à ${time}`;
}

/** A datetime-local value ("2024-11-20T19:00") read in the académie's zone, as RFC 3339. */
export function localToIso(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  return zonedInstant({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] }, timeZone).iso;
}
