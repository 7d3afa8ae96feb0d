// French dates and times, in the académie's time zone (the API's times carry their offset).

export function formatDateTime(iso: string, timeZone = "Europe/Paris"): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone }).format(d);
  const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone })
    .format(d)
    .replace(":", "\u00a0h\u00a0");
  return `${date} à ${time}`;
}

export function formatDate(iso: string, timeZone = "Europe/Paris"): string {
  return new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone }).format(
    new Date(iso),
  );
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
