// One chart of the dashboard: a DSFR chart web component drawn from labels and series, its data
// as a DSFR table with a caption (the chart's alternative, RGAA 1.x), and « Télécharger en CSV »
// of that same table. The chart itself is an image named after the table that follows it.
import { useId, type ReactNode } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ScrollingTable } from "../administration/ScrollingTable";
import { count } from "./labels";
import { csvName, downloadCsv } from "./csv";
import "./dsfrChart";

export interface Series {
  name: string;
  values: (number | null)[];
}

export type ChartKind = "line" | "bar" | "horizontal-bar" | "pie";

export function ChartFigure({
  title,
  kind,
  labelHeader,
  labels,
  series,
  extraColumns = [],
  fileParts,
  note,
  empty,
  after,
}: {
  title: string;
  kind: ChartKind;
  /** The table's first column header (« Spécialité », « Jour »). */
  labelHeader: string;
  labels: string[];
  series: Series[];
  /** Columns the table (and its CSV) shows besides the chart's series, e.g. the date. */
  extraColumns?: { header: string; values: string[] }[];
  /** Words of the CSV's file name (session, chart). */
  fileParts: string[];
  note?: ReactNode;
  /** Said instead of the chart when there is nothing to draw. */
  empty?: string;
  after?: ReactNode;
}) {
  const id = useId();
  const headers = [labelHeader, ...extraColumns.map((c) => c.header), ...series.map((s) => s.name)];
  const rows = labels.map((label, i) => [
    label,
    ...extraColumns.map((c) => c.values[i] ?? ""),
    ...series.map((s) => s.values[i] ?? ""),
  ]);
  const nothing = series.every((s) => s.values.every((v) => !v));
  const x = JSON.stringify(series.map(() => labels));
  const y = JSON.stringify(series.map((s) => s.values));
  const name = JSON.stringify(series.map((s) => s.name));
  // The components draw once, at their mount: new data, a new element.
  const key = `${kind}${x}${y}${name}`;
  const common = { x, y, name, "selected-palette": "categorical" };
  const chart =
    kind === "line" ? (
      <line-chart key={key} {...common} />
    ) : kind === "pie" ? (
      <pie-chart key={key} {...common} x={JSON.stringify([labels])} name={JSON.stringify(labels)} fill="true" />
    ) : (
      <bar-chart key={key} {...common} horizontal={kind === "horizontal-bar" ? "true" : undefined} />
    );
  return (
    <section aria-labelledby={id} className="fr-mb-6w">
      <h2 id={id} className="fr-h4">
        {title}
      </h2>
      {note}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          {nothing ? (
            <p>{empty ?? "Aucune donnée à représenter pour l'instant."}</p>
          ) : (
            <div className="pilotage-chart" role="img" aria-label={`Graphique « ${title} » : ses données sont dans le tableau qui suit.`}>
              {chart}
            </div>
          )}
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          <ScrollingTable caption={title}>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
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
                      <th key={j} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={j}>{typeof cell === "number" ? count(cell) : cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
          <Button
            priority="secondary"
            size="small"
            iconId="fr-icon-download-line"
            iconPosition="left"
            onClick={() => downloadCsv(csvName(...fileParts), headers, rows)}
          >
            Télécharger en CSV<span className="fr-sr-only"> : {title}</span>
          </Button>
          {after}
        </div>
      </div>
    </section>
  );
}
