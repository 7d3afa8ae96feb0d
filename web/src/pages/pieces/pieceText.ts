// The French words of Mes justificatifs: states, sizes, formats and the limits said before choosing.
import type { PieceSet, PieceStateCode } from "../../api/types";

export const stateLabels: Record<PieceStateCode, { text: string; severity?: "success" | "error" | "info" | "warning" }> = {
  missing: { text: "Manquante", severity: "warning" },
  received: { text: "Reçue", severity: "info" },
  accepted: { text: "Acceptée", severity: "success" },
  rejected: { text: "Refusée", severity: "error" },
  unneeded: { text: "Plus demandée" },
};

const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** 512 octets, 12,3 Kio, 4,5 Mio: binary units, as the API's own messages say them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}\u00a0octet${bytes > 1 ? "s" : ""}`;
  if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)}\u00a0Kio`;
  return `${number.format(bytes / (1024 * 1024))}\u00a0Mio`;
}

const formatNames: Record<string, string> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };
const extensions: Record<string, string> = { "application/pdf": ".pdf", "image/jpeg": ".jpg,.jpeg", "image/png": ".png" };

export function formatName(mime: string): string {
  return formatNames[mime] ?? mime.split("/").pop()!.toUpperCase();
}

/** "PDF, JPEG ou PNG" */
export function formatList(types: string[]): string {
  const names = types.map(formatName);
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} ou ${names[names.length - 1]}`;
}

/** The file chooser's `accept`: the MIME types and their usual extensions. */
export function acceptOf(types: string[]): string {
  return types.flatMap((t) => [t, ...(extensions[t]?.split(",") ?? [])]).join(",");
}

/** What the candidate reads before choosing files for one piece. */
export function limitsHint(set: PieceSet, filesSoFar: number): string {
  const { max_file_bytes, accepted_types, max_files_per_piece } = set.limits;
  const left = Math.max(0, max_files_per_piece - filesSoFar);
  const rules = `Formats acceptés : ${formatList(accepted_types)}. Taille maximale : ${formatSize(max_file_bytes)} par fichier.`;
  if (left === 0)
    return `${rules} Cette pièce a déjà ${max_files_per_piece} fichiers, le maximum : retirez-en un pour en déposer un autre.`;
  const count =
    filesSoFar === 0
      ? `jusqu'à ${max_files_per_piece} fichiers pour cette pièce`
      : `encore ${left} fichier${left > 1 ? "s" : ""} sur ${max_files_per_piece} pour cette pièce`;
  return `${rules} Plusieurs fichiers possibles, ${count}.`;
}
