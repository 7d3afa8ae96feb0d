// A table as a CSV file French spreadsheets open as they are: UTF-8 with a byte order mark (so
// accents survive a double click in Excel), ";" between fields (the comma is the French decimal
// sign), CRLF line ends, a field quoted when it holds ; " or a line break. Built in the page from
// the very data the table shows.

function field(value: string | number): string {
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvOf(headers: string[], rows: (string | number)[][]): string {
  return "\uFEFF" + [headers, ...rows].map((r) => r.map(field).join(";")).join("\r\n") + "\r\n";
}

/** Hands the CSV to the browser as a download (an object URL, never a data: or inline script). */
export function downloadCsv(fileName: string, headers: string[], rows: (string | number)[][]) {
  const url = URL.createObjectURL(new Blob([csvOf(headers, rows)], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from words: "pilotage-2025-inscriptions-par-jour.csv". */
export function csvName(...parts: string[]): string {
  const slug = parts
    .join("-")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug}.csv`;
}
