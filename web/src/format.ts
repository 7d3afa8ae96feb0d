// French dates and times, in the académie's time zone (the API's times carry their offset).

// "1er novembre 2024", as French writes the first of the month.
function longDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone })
    .format(d)
    .replace(/^1 /, "1er ");
}

export function formatDateTime(iso: string, timeZone = "Europe/Paris"): string {
  const d = new Date(iso);
  const date = longDate(d, timeZone);
  const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone })
    .format(d)
    .replace(":", "\u00a0h\u00a0");
  return `${date} à ${time}`;
}

export function formatDate(iso: string, timeZone = "Europe/Paris"): string {
  return longDate(new Date(iso), timeZone);
}

export const examNames: Record<string, string> = {
  cap: "Certificat d'aptitude professionnelle (CAP)",
  bac_pro: "Baccalauréat professionnel",
  cs: "Certificat de spécialisation (CS)",
  bp: "Brevet professionnel (BP)",
};

export function examName(code: string): string {
  return examNames[code] ?? code.toUpperCase();
}
