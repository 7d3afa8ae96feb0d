// Registrations per day and cumulative since the opening, the previous session of the same
// exam(s) drawn on the same axis: day N of both is N days after each window opened.
import { ChartFigure } from "./ChartFigure";
import { dayRows, shortDay } from "./days";
import type { Dashboard } from "./types";

export function RegistrationCurves({ d }: { d: Dashboard }) {
  const prev = d.registrations.previous;
  const rows = dayRows(d.registrations.per_day, prev?.per_day ?? null);
  const labels = rows.map((r) => `J${r.day}`);
  const current = `Session ${d.session}`;
  const previous = prev ? `Session ${prev.session} (précédente)` : "";
  // With several exams, day N falls on a different date for each: the table gives days only.
  const dates =
    d.windows.length > 1
      ? []
      : [
          { header: `Date (session ${d.session})`, values: rows.map((r) => shortDay(r.date)) },
          ...(prev ? [{ header: `Date (session ${prev.session})`, values: rows.map((r) => shortDay(r.previousDate)) }] : []),
        ];
  const note = (
    <p className="fr-text--sm">
      Jour 0 = ouverture des inscriptions (J0 est le jour d'ouverture de chaque examen, dans le fuseau de l'académie).
      {prev
        ? ` La session ${prev.session} est tracée sur le même axe : au jour N, les deux courbes comptent N jours après leur ouverture.`
        : " Aucune session précédente à comparer."}
      {d.windows.length > 1 && " Avec plusieurs examens, le jour N additionne les inscriptions du jour N de chacun."}
    </p>
  );
  const series = (pick: (r: (typeof rows)[number]) => number | null, pickPrev: (r: (typeof rows)[number]) => number | null) => [
    { name: current, values: rows.map(pick) },
    ...(prev ? [{ name: previous, values: rows.map(pickPrev) }] : []),
  ];
  return (
    <>
      <ChartFigure
        title="Inscriptions cumulées depuis l'ouverture"
        kind="line"
        labelHeader="Jour"
        labels={labels}
        extraColumns={dates}
        series={series((r) => r.cumulative, (r) => r.previousCumulative)}
        fileParts={["pilotage", d.session, d.exam ?? "", "inscriptions-cumulees"]}
        note={note}
        empty="Aucune inscription depuis l'ouverture."
        long
      />
      <ChartFigure
        title="Inscriptions par jour depuis l'ouverture"
        kind="bar"
        labelHeader="Jour"
        labels={labels}
        extraColumns={dates}
        series={series((r) => r.count, (r) => r.previousCount)}
        fileParts={["pilotage", d.session, d.exam ?? "", "inscriptions-par-jour"]}
        note={<p className="fr-text--sm">Jour 0 = ouverture. Les inscriptions retirées depuis comptent le jour où elles ont été faites.</p>}
        empty="Aucune inscription depuis l'ouverture."
        long
      />
    </>
  );
}
