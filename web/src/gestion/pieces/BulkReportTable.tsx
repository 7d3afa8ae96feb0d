// The bulk publication's report, file by file: published (to which registration, which version)
// or refused (the API's French reason). On a phone the table scrolls in its own DSFR frame
// (reachable by keyboard), not the page.
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { BulkReport } from "./types";

export const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;

export function BulkReportTable({ report, typeLabel }: { report: BulkReport; typeLabel: string }) {
  return (
    <div className="fr-table fr-table--bordered">
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-labelledby="rapport-lot">
          <div className="fr-table__content">
            <table>
              <caption id="rapport-lot">
                Rapport de publication « {typeLabel} » : {counted(report.published.length, "fichier publié", "fichiers publiés")},{" "}
                {counted(report.refused.length, "refusé")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Fichier</th>
                  <th scope="col">Résultat</th>
                  <th scope="col">Détail</th>
                </tr>
              </thead>
              <tbody>
                {report.published.map((p) => (
                  <tr key={`p-${p.file}`}>
                    <td>{p.file}</td>
                    <td>
                      <Badge severity="success" small>
                        Publié
                      </Badge>
                    </td>
                    <td>
                      Inscription n° {p.registration_number}, version {p.version}
                    </td>
                  </tr>
                ))}
                {report.refused.map((r, i) => (
                  <tr key={`r-${i}-${r.file}`}>
                    <td>{r.file}</td>
                    <td>
                      <Badge severity="error" small>
                        Refusé
                      </Badge>
                    </td>
                    <td className="fr-cell--multiline">{r.message}</td>
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
