// Mes inscriptions: each of the candidate's registrations with its numbers, version, state and
// date, and the way to Mon inscription.
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Registration } from "../../api/types";
import { examName, formatDateTime } from "../../format";
import { usePageTitle } from "../../usePageTitle";
import { LoadError } from "./LoadError";
import { RegistrationBadges } from "./RegistrationBadges";
import { useLoad } from "./useLoad";
import { sessionKey, useSessions } from "./useSessions";
import { useAcademyZones } from "./useAcademyZones";

export function MyRegistrations() {
  usePageTitle("Mes inscriptions");
  const mine = useLoad<{ registrations: Registration[] }>("/api/v1/registrations");
  const list = mine.data?.registrations ?? null;
  const sessions = useSessions(list);
  const zoneOf = useAcademyZones();

  return (
    <>
      <h1>Mes inscriptions</h1>
      <p className="fr-text--lead">
        Consultez vos inscriptions. Pendant la période d'inscription, vous pouvez les modifier : n'oubliez pas
        d'enregistrer vos modifications et de rééditer votre récapitulatif d'inscription.
      </p>
      {mine.error && <LoadError error={mine.error} />}
      {!mine.error && !list && <p>Chargement…</p>}
      {list && list.length === 0 && (
        <Alert
          severity="info"
          title="Vous n'avez aucune inscription"
          description={
            <>
              Pour vous inscrire à un examen ouvert, allez dans <Link to="/inscription">M'inscrire</Link>.
            </>
          }
        />
      )}
      {list && list.length > 0 && (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {list.map((r) => {
            const s = sessions[sessionKey(r)];
            const tz = zoneOf(r.academy);
            const when = r.updated_at ?? r.created_at;
            return (
              <li key={r.id} className="fr-col-12 fr-col-md-6">
                <div className="fr-card fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h2 className="fr-card__title">
                        <Link to={`/mes-inscriptions/${r.id}`}>
                          {s?.exam_name ?? examName(r.exam)} – {s?.title ?? `Session ${r.session}`}
                        </Link>
                      </h2>
                      <div className="fr-card__desc">
                        <dl>
                          <div>
                            <dt className="fr-text--bold fr-mb-0">Numéro d'inscription</dt>
                            <dd className="fr-ml-0 fr-mb-1w">{r.registration_number}</dd>
                          </div>
                          <div>
                            <dt className="fr-text--bold fr-mb-0">Numéro candidat</dt>
                            <dd className="fr-ml-0 fr-mb-1w">{r.candidate_number}</dd>
                          </div>
                          {when && (
                            <div>
                              <dt className="fr-text--bold fr-mb-0">{r.version > 1 ? "Modifiée le" : "Enregistrée le"}</dt>
                              <dd className="fr-ml-0">{formatDateTime(when, tz)}</dd>
                            </div>
                          )}
                        </dl>
                      </div>
                      <div className="fr-card__start">
                        <RegistrationBadges status={r.status} version={r.version} />
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
