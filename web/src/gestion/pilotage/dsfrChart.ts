// The DSFR's chart web components (@gouvfr/dsfr-chart 2: Vue 3 custom elements drawing with
// Chart.js, without shadow DOM) and their stylesheet, bundled by Vite into this area's chunk and
// served from 'self': no <style> element, nothing the page's CSP blocks. Their tooltips are
// the exception: they write `style="…"` attributes through innerHTML, which the CSP refuses, so
// pilotage.css turns pointer events off on the canvas (the table beside each chart gives every
// value, for everyone).
import "@gouvfr/dsfr-chart";
import "@gouvfr/dsfr-chart/DSFRChart.css";
import "./pilotage.css";
import type { DetailedHTMLProps, HTMLAttributes } from "react";

/** Their attributes are JSON texts: x='[["A","B"]]' y='[[1,2]]' name='["Série"]'. */
type ChartAttributes = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
  x: string;
  y: string;
  name?: string;
  "selected-palette"?: string;
  "aspect-ratio"?: string;
  "x-max"?: string;
  "y-max"?: string;
  "unit-tooltip"?: string;
  horizontal?: string;
  stacked?: string;
  fill?: string;
};

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "line-chart": ChartAttributes;
      "bar-chart": ChartAttributes;
      "pie-chart": ChartAttributes;
    }
  }
}
