// A chart's data as a DSFR table: the caption names it for assistive technologies (visually
// hidden with fr-table--no-caption when the chart's heading already shows the same words), the
// first column heads its rows, wide tables scroll in their own frame (never the page at 360 px),
// a frame that takes the keyboard's focus (WCAG 2.1.1).
import { useId } from "react";
import { count } from "./labels";

export function DataTable({ caption, headers, rows, showCaption = false }: { caption: string; headers: string[]; rows: (string | number)[][]; showCaption?: boolean }) {
  const captionId = useId();
  return (
    <div className={`fr-table fr-table--sm fr-mb-2w${showCaption ? "" : " fr-table--no-caption"}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-labelledby={captionId} style={{ position: "relative" }}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((h) => (
                    <th key={h} scope="col" className="fr-cell--multiline">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <th key={j} scope="row" className="fr-cell--multiline">
                          {cell}
                        </th>
                      ) : (
                        <td key={j}>{typeof cell === "number" ? count(cell) : cell}</td>
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
