// French words for the pilotage's codes and durations.
import type { PiecesState, SkipReason } from "./types";

export const piecesStateLabels: Record<PiecesState, string> = {
  none: "Aucune pièce envoyée",
  incomplete: "Pièces incomplètes",
  complete: "Complètes, non confirmées",
  confirmed: "Confirmées",
  refused: "Pièce refusée à remplacer",
  unknown: "État inconnu",
};

export const skipReasonLabels: Record<SkipReason, string> = {
  already_today: "déjà relancé aujourd'hui",
  nothing_missing: "plus aucune pièce ne manque",
  not_found: "inscription introuvable",
  not_upload: "pièces envoyées par courrier, pas de dépôt en ligne",
};

export function skipReasonLabel(reason: string): string {
  return skipReasonLabels[reason as SkipReason] ?? "relance non envoyée";
}

export const modeLabels: Record<string, string> = {
  upload: "Dépôt en ligne des pièces",
  postal: "Envoi postal",
};

/** "1 234" as French writes it (a narrow no-break space between thousands). */
export function count(n: number): string {
  return n.toLocaleString("fr-FR");
}

/** "3 inscriptions", "1 inscription", "0 inscription" (French keeps 0 and 1 singular). */
export function plural(n: number, one: string, many = one + "s"): string {
  return `${count(n)} ${n > 1 ? many : one}`;
}

/** How long since `from` at `now`, in words: « depuis 3 jours », « depuis 5 heures ». */
export function sinceInWords(from: string, now: string): string {
  const minutes = Math.max(0, Math.floor((Date.parse(now) - Date.parse(from)) / 60000));
  if (minutes < 60) return "depuis moins d'une heure";
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `depuis ${plural(hours, "heure")}`;
  return `depuis ${plural(Math.floor(hours / 24), "jour")}`;
}
