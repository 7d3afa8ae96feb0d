// The usual reasons a piece is refused, in the words the candidate will read on « Mes
// justificatifs » and in the mail; « Autre motif » lets the office write its own.
export const refusalReasons = [
  "Document illisible : le fichier ne permet pas de lire les informations demandées.",
  "Document incomplet : des pages ou le verso manquent.",
  "Document périmé : sa date de validité est dépassée.",
  "La pièce ne correspond pas à celle demandée.",
  "Le document n'est pas à votre nom.",
] as const;

export const otherReason = "autre";

/** The list's short names (the select's options), the full sentence being what is sent. */
export const reasonTitles: Record<string, string> = {
  [refusalReasons[0]]: "Document illisible",
  [refusalReasons[1]]: "Document incomplet",
  [refusalReasons[2]]: "Document périmé",
  [refusalReasons[3]]: "La pièce ne correspond pas à celle demandée",
  [refusalReasons[4]]: "Le document n'est pas au nom du candidat",
};
