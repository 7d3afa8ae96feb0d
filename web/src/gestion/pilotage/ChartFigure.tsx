// One chart of the dashboard: a DSFR chart web component drawn from labels and series, its data
// as a DSFR table (the chart's alternative, RGAA 1.x) and « Télécharger en CSV » of that same
// table. The chart itself is an image named after the table. A short table sits beside its
// chart; a long one (a day per row) goes under it, folded in a DSFR accordion.
import { useId, type ReactNode } from "react";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { DataTable } from "./DataTable";
import { csvName, downloadCsv } from "./csv";
import "./dsfrChart";

export interface Series {
  name: string;
  values: (number | null)[];
}

export type ChartKind = "line" | "bar" | "horizontal-bar" | "pie";

/** The chart's axis has little room: long labels are cut there (the table keeps them whole). */
function short(label: string): string {
  return label.length > 32 ? `${label.slice(0, 30).trimEnd()}…` : label;
}

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
  long = false,
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
  /** Many rows: the table goes under the chart, folded. */
  long?: boolean;
}) {
  const id = useId();
  const headers = [labelHeader, ...extraColumns.map((c) => c.header), ...series.map((s) => s.name)];
  const rows = labels.map((label, i) => [
    label,
    ...extraColumns.map((c) => c.values[i] ?? ""),
    ...series.map((s) => s.values[i] ?? ""),
  ]);
  const nothing = series.every((s) => s.values.every((v) => !v));
  const axis = labels.map(short);
  const x = JSON.stringify(series.map(() => axis));
  const y = JSON.stringify(series.map((s) => s.values));
  const name = JSON.stringify(series.map((s) => s.name));
  // The components draw once, at their mount: new data, a new element.
  const key = `${kind}${x}${y}${name}`;
  // Counts: under 10, Chart.js would step its value axis by 0.1 or 0.5; a scale up to 10 at least
  // keeps whole numbers.
  const peak = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = peak < 10 ? { [kind === "horizontal-bar" ? "x-max" : "y-max"]: "10" } : {};
  const common = { x, y, name, "selected-palette": "categorical", ...scale };
  const chart =
    kind === "line" ? (
      <line-chart key={key} {...common} />
    ) : kind === "pie" ? (
      <pie-chart key={key} {...common} x={JSON.stringify([axis])} name={JSON.stringify(axis)} fill="true" />
    ) : (
      <bar-chart key={key} {...common} horizontal={kind === "horizontal-bar" ? "true" : undefined} />
    );
  const drawing = nothing ? (
    <p>{empty ?? "Aucune donnée à représenter pour l'instant."}</p>
  ) : (
    <div
      className={kind === "pie" ? "pilotage-chart pilotage-chart--pie" : "pilotage-chart"}
      role="img"
      aria-label={`Graphique « ${title} » : ses données sont dans le tableau qui l'accompagne.`}
    >
      {chart}
    </div>
  );
  const csv = (
    <Button priority="secondary" size="small" iconId="fr-icon-download-line" iconPosition="left" onClick={() => downloadCsv(csvName(...fileParts), headers, rows)}>
      Télécharger en CSV<span className="fr-sr-only"> : {title}</span>
    </Button>
  );
  return (
    <section aria-labelledby={id} className="fr-mb-6w">
      <h2 id={id} className="fr-h4">
        {title}
      </h2>
      {note}
      {long ? (
        <>
          {drawing}
          <Accordion label={`Tableau des données : ${title.charAt(0).toLowerCase()}${title.slice(1)}`} titleAs="h3" className="fr-mt-2w">
            <DataTable caption={title} headers={headers} rows={rows} showCaption={false} />
            {csv}
          </Accordion>
          {after}
        </>
      ) : (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-lg-7">{drawing}</div>
          <div className="fr-col-12 fr-col-lg-5">
            <DataTable caption={title} headers={headers} rows={rows} />
            {csv}
            {after}
          </div>
        </div>
      )}
    </section>
  );
}
