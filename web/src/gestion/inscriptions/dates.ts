// Short French date-times for tables ("01/11/2024 à 10:00"), in the académie's zone.
export function shortDateTime(iso: string, timeZone = "Europe/Paris"): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone }).format(d);
  const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone }).format(d);
  return `${day} à ${time}`;
}

/** The offset of a zone at an instant, e.g. "+01:00" for Paris in winter. */
function offsetAt(instant: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-]\d{2}:\d{2})/.exec(name ?? "");
  return m ? m[1] : "+00:00";
}

/** A datetime-local value ("2024-11-20T19:00") read in the académie's zone, as RFC 3339. */
export function localToIso(local: string, timeZone: string): string {
  // The offset at that wall time: guessed from UTC, then corrected once (DST edges).
  const guess = new Date(local + ":00Z");
  let offset = offsetAt(guess, timeZone);
  offset = offsetAt(new Date(`${local}:00${offset}`), timeZone);
  return `${local}:00${offset}`;
}
