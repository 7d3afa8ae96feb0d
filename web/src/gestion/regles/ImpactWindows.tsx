// The session windows a version moves, adds or removes, with the shift in days and hours.
import { VersionTable } from "./VersionTable";
import { examName, formatDateTime } from "../../format";
import type { WindowChange } from "./VersionTypes";

const boundLabels = {
  opens: "Ouverture des inscriptions",
  closes: "Clôture des inscriptions",
  edits_close: "Fin des modifications",
} as const;

function plural(n: number, one: string, many: string) {
  return `${n} ${n > 1 ? many : one}`;
}

/** "5 jours et 3 heures", "45 minutes". */
export function durationText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [];
  if (days) parts.push(plural(days, "jour", "jours"));
  if (hours) parts.push(plural(hours, "heure", "heures"));
  if (rest) parts.push(plural(rest, "minute", "minutes"));
  if (parts.length === 0) return "moins d'une minute";
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} et ${parts[parts.length - 1]}`;
}

export function shiftText(from: string, to: string): string {
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (ms === 0) return "inchangée";
  return `${durationText(ms)} plus ${ms < 0 ? "tôt" : "tard"}`;
}

export function sessionText(exam: string, session: string): string {
  return `${examName(exam)}, session ${session}`;
}

export function ImpactWindows({ windows, timeZone }: { windows: WindowChange[]; timeZone: string }) {
  if (windows.length === 0) return <p>Aucune fenêtre d'inscription ne change.</p>;
  return (
    <VersionTable label="Fenêtres d'inscription qui changent" hiddenCaption minWidth="52rem">
      <table>
        <caption>Fenêtres d'inscription qui changent</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Changement</th>
            <th scope="col">Avant</th>
            <th scope="col">Après</th>
            <th scope="col">Écart</th>
            <th scope="col">Ouverte maintenant</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((w, i) => (
            <tr key={i}>
              <th scope="row">{sessionText(w.exam, w.session)}</th>
              {w.change === "added" ? (
                <>
                  <td>Nouvelle session</td>
                  <td>—</td>
                  <td>
                    du {formatDateTime(w.opens, timeZone)} au {formatDateTime(w.closes, timeZone)}
                  </td>
                  <td>—</td>
                  <td>Non</td>
                </>
              ) : w.change === "removed" ? (
                <>
                  <td>Session retirée</td>
                  <td>—</td>
                  <td>—</td>
                  <td>—</td>
                  <td>{w.open_now ? "Oui" : "Non"}</td>
                </>
              ) : (
                <>
                  <td>{boundLabels[w.change]}</td>
                  <td>{formatDateTime(w.from, timeZone)}</td>
                  <td>{formatDateTime(w.to, timeZone)}</td>
                  <td>
                    <strong>{shiftText(w.from, w.to)}</strong>
                  </td>
                  <td>{w.open_now ? "Oui" : "Non"}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </VersionTable>
  );
}
