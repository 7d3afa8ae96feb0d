// What a send did: how many mails went out, and who was skipped and why, in French. Focused
// when it appears so a screen reader reads it.
import { useEffect, useRef } from "react";
import { plural, skipReasonLabel } from "./labels";
import type { ReminderReport as Report } from "./types";

export function ReminderReport({ report, names }: { report: Report; names: Map<string, string> }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [report]);
  const title =
    report.sent > 0 ? `Relance envoyée à ${plural(report.sent, "candidat")}` : "Aucune relance envoyée";
  return (
    <div className={`fr-alert ${report.sent > 0 ? "fr-alert--success" : "fr-alert--warning"} fr-mb-4w`} role="status" tabIndex={-1} ref={box}>
      <h2 className="fr-alert__title">{title}</h2>
      {report.sent > 0 && <p>Les courriels partent dans quelques instants ; chaque relance est inscrite au journal.</p>}
      {report.skipped.length > 0 && (
        <>
          <p>{report.skipped.length > 1 ? `${report.skipped.length} candidats non relancés :` : "Un candidat non relancé :"}</p>
          <ul>
            {report.skipped.map((s) => (
              <li key={s.registration_id}>
                {names.get(s.registration_id) ?? "Inscription inconnue"} : {skipReasonLabel(s.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
