// The window guard's reasons come from the server as French sentences that quote codes and
// RFC 3339 instants ("La session bac_pro 2025 ... (2024-11-08T19:00:00+01:00 ...)"): said here
// with the exam's name and the date as the rest of the page says it.
import { examNames, formatDateTime } from "../../format";

export function readableReason(text: string, timeZone: string): string {
  let out = text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) =>
    formatDateTime(iso, timeZone),
  );
  for (const [code, name] of Object.entries(examNames))
    out = out.replace(new RegExp(`\\bsession ${code} (\\S+)`, "g"), `session $1 (${name})`);
  return out;
}
