// The impact report of a version on the académie's real registrations: how many change
// validity, pieces or office (each listed, linked to the registration), which windows move,
// and the window guard's verdict with the candidates to notify.
import { VersionTable } from "./VersionTable";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ImpactWindows, sessionText } from "./ImpactWindows";
import { ImpactRegistrationLink } from "./ImpactRegistrationLink";
import { readableReason } from "./ImpactReason";
import type { AcademyInfo, ImpactReport } from "./VersionTypes";

function count(n: number, one: string, many: string, none: string) {
  if (n === 0) return none;
  return `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;
}

function Truncated({ listed, total }: { listed: number; total: number }) {
  if (listed >= total) return null;
  return <p className="fr-text--sm">Les {listed.toLocaleString("fr-FR")} premières sont nommées, sur {total.toLocaleString("fr-FR")}.</p>;
}

export function ImpactReportView({ report, academy }: { report: ImpactReport; academy: AcademyInfo | null }) {
  const timeZone = academy?.timezone ?? "Europe/Paris";
  const pole = (code: string) => academy?.poles.find((p) => p.code === code)?.name ?? code;
  // The guard may give one reason per bound (inscriptions, modifications): said once.
  const reasons = [...new Set(report.guard.reasons.map((r) => readableReason(r, timeZone)))];
  return (
    <section aria-labelledby="impact-title" className="fr-mb-6w">
      <h2 id="impact-title">Analyse d'impact</h2>
      <p>
        Chaque inscription de l'académie est jugée de nouveau avec cette version, et comparée au jugement de la version
        en service.
      </p>
      <ul>
        <li>{count(report.registrations_checked, "inscription examinée", "inscriptions examinées", "Aucune inscription à examiner")}</li>
        <li>
          {count(report.validity.count, "inscription ne serait plus valide", "inscriptions ne seraient plus valides", "Aucune inscription ne changerait de validité")}
        </li>
        <li>
          {count(report.pieces.count, "inscription changerait de pièces demandées", "inscriptions changeraient de pièces demandées", "Aucune inscription ne changerait de pièces demandées")}
        </li>
        <li>{count(report.offices.count, "inscription changerait de pôle", "inscriptions changeraient de pôle", "Aucune inscription ne changerait de pôle")}</li>
        <li>{count(report.windows.length, "fenêtre d'inscription change", "fenêtres d'inscription changent", "Aucune fenêtre d'inscription ne change")}</li>
      </ul>

      {report.guard.required ? (
        <Alert
          severity="warning"
          className="fr-mb-4w"
          title="Le garde-fou des fenêtres demande un motif"
          description={
            <>
              <p>L'activation de cette version demandera un motif, car :</p>
              <ul>
                {reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          }
        />
      ) : (
        <Alert
          severity="success"
          small
          className="fr-mb-4w"
          description="Le garde-fou des fenêtres ne demande rien : aucune session ouverte ne ferme plus tôt et aucune pièce n'est ajoutée dans une session ouverte."
        />
      )}

      <h3>Fenêtres d'inscription</h3>
      <ImpactWindows windows={report.windows} timeZone={timeZone} />

      <h3>Candidats à prévenir</h3>
      {report.guard.notify.length === 0 ? (
        <p>Aucun candidat à prévenir.</p>
      ) : (
        <VersionTable label="Candidats à prévenir" hiddenCaption minWidth="40rem">
          <table>
            <caption>Candidats à prévenir ({report.guard.notify.length})</caption>
            <thead>
              <tr>
                <th scope="col">Inscription</th>
                <th scope="col">Nom</th>
                <th scope="col">Prénom</th>
                <th scope="col">Adresse mail</th>
              </tr>
            </thead>
            <tbody>
              {report.guard.notify.map((c) => (
                <tr key={c.registration_number}>
                  <th scope="row">
                    <ImpactRegistrationLink number={c.registration_number} id={c.id} />
                  </th>
                  <td>{c.last_name}</td>
                  <td>{c.first_name}</td>
                  <td>{c.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </VersionTable>
      )}

      <h3>Validité</h3>
      {report.validity.count === 0 ? (
        <p>Aucune inscription ne change de validité.</p>
      ) : (
        <>
          <VersionTable label="Inscriptions qui ne seraient plus valides" hiddenCaption minWidth="40rem">
            <table>
              <caption>Inscriptions qui ne seraient plus valides ({report.validity.count})</caption>
              <thead>
                <tr>
                  <th scope="col">Inscription</th>
                  <th scope="col">Session</th>
                  <th scope="col">Motifs</th>
                </tr>
              </thead>
              <tbody>
                {report.validity.registrations.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <ImpactRegistrationLink number={r.registration_number} id={r.id} />
                    </th>
                    <td>{sessionText(r.exam, r.session)}</td>
                    <td>
                      <ul>
                        {Object.values(r.errors).map((m, i) => (
                          <li key={i}>{m}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </VersionTable>
          <Truncated listed={report.validity.registrations.length} total={report.validity.count} />
        </>
      )}

      <h3>Pièces justificatives</h3>
      {report.pieces.count === 0 ? (
        <p>Aucune inscription ne change de pièces demandées.</p>
      ) : (
        <>
          <VersionTable label="Inscriptions dont les pièces demandées changeraient" hiddenCaption minWidth="40rem">
            <table>
              <caption>Inscriptions dont les pièces demandées changeraient ({report.pieces.count})</caption>
              <thead>
                <tr>
                  <th scope="col">Inscription</th>
                  <th scope="col">Pièces ajoutées</th>
                  <th scope="col">Pièces retirées</th>
                </tr>
              </thead>
              <tbody>
                {report.pieces.registrations.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <ImpactRegistrationLink number={r.registration_number} id={r.id} />
                    </th>
                    <td>{r.added.length ? r.added.join(", ") : "aucune"}</td>
                    <td>{r.removed.length ? r.removed.join(", ") : "aucune"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </VersionTable>
          <Truncated listed={report.pieces.registrations.length} total={report.pieces.count} />
        </>
      )}

      <h3>Pôle gestionnaire</h3>
      {report.offices.count === 0 ? (
        <p>Aucune inscription ne change de pôle.</p>
      ) : (
        <>
          <VersionTable label="Inscriptions qui changeraient de pôle" hiddenCaption minWidth="40rem">
            <table>
              <caption>Inscriptions qui changeraient de pôle ({report.offices.count})</caption>
              <thead>
                <tr>
                  <th scope="col">Inscription</th>
                  <th scope="col">Pôle actuel</th>
                  <th scope="col">Nouveau pôle</th>
                </tr>
              </thead>
              <tbody>
                {report.offices.registrations.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <ImpactRegistrationLink number={r.registration_number} id={r.id} />
                    </th>
                    <td>{pole(r.from)}</td>
                    <td>{pole(r.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </VersionTable>
          <Truncated listed={report.offices.registrations.length} total={report.offices.count} />
        </>
      )}
    </section>
  );
}

