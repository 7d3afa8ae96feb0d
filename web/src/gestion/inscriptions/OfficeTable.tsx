// A DSFR table (the 1.12+ markup: wrapper, container, content) with a caption and column
// headers; a wide table scrolls inside its own frame, never the page (360 px).
import type { ReactNode } from "react";

export function OfficeTable({
  id,
  caption,
  headers,
  rows,
  rowKeys,
  multiline = true,
  rowHeaderWraps = true,
  cellMinWidth,
}: {
  id: string;
  caption: ReactNode;
  headers: ReactNode[];
  rows: ReactNode[][];
  rowKeys?: string[];
  /** Cells wrap their text (DSFR fr-cell--multiline) rather than widen the table; the row's
   * header stays on one line when rowHeaderWraps is false (a registration number). */
  multiline?: boolean;
  rowHeaderWraps?: boolean;
  /** A floor for the data cells' width (e.g. "8rem"), so that narrow screens do not break
   * their words letter by letter; the table then scrolls in its frame. */
  cellMinWidth?: string;
}) {
  return (
    <div className="fr-table fr-table--sm" id={id}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          {/* A scrollable region must be reachable with the keyboard (WCAG 2.1.1). */}
          <div className="fr-table__content" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
            <table>
              <caption id={`${id}-caption`}>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((h, i) => (
                    <th key={i} scope="col" className="fr-cell--multiline">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={rowKeys?.[i] ?? i}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <th key={j} scope="row" className={multiline && rowHeaderWraps ? "fr-cell--multiline" : undefined}>
                          {cell}
                        </th>
                      ) : (
                        <td
                          key={j}
                          className={multiline ? "fr-cell--multiline" : undefined}
                          style={cellMinWidth ? { minWidth: cellMinWidth } : undefined}
                        >
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
