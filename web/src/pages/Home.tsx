// « Ouverture des services »: the sessions open now, by académie and exam, with their window.
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { api, type ApiError } from "../api/client";
import type { Academy, OpenService } from "../api/types";
import { examName, formatDateTime } from "../format";
import { usePageTitle } from "../usePageTitle";
import { useSession } from "../session";

export function Home() {
  usePageTitle("Ouverture des services");
  const { account } = useSession();
  const [services, setServices] = useState<OpenService[] | null>(null);
  const [academies, setAcademies] = useState<Record<string, Academy>>({});
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void (async () => {
      const [open, list] = await Promise.all([
        api.get<{ services: OpenService[] }>("/api/v1/services"),
        api.get<{ academies: Academy[] }>("/api/v1/academies"),
      ]);
      if (!open.ok) return setError(open.error);
      setServices(open.data.services);
      if (list.ok) setAcademies(Object.fromEntries(list.data.academies.map((a) => [a.code, a])));
    })();
  }, []);

  const byAcademy = new Map<string, OpenService[]>();
  for (const s of services ?? []) byAcademy.set(s.academy, [...(byAcademy.get(s.academy) ?? []), s]);

  return (
    <>
      <h1>Ouverture des services</h1>
      <p className="fr-text--lead">
        Vous pouvez voir ici les examens ouverts à l'inscription. Si aucun service n'est affiché, c'est
        qu'aucun service n'est ouvert.
      </p>
      {error && <Alert severity="error" title="Les services ne peuvent pas être affichés" description={error.message} />}
      {services && services.length === 0 && (
        <Alert
          severity="info"
          title="Aucun service n'est ouvert"
          description="Aucun service d'inscription n'est ouvert en ce moment. Consultez le site de votre académie pour connaître les prochaines dates."
        />
      )}
      {[...byAcademy.entries()].map(([code, list]) => {
        const tz = academies[code]?.timezone ?? "Europe/Paris";
        return (
          <section key={code} className="fr-mb-6w" aria-labelledby={`academie-${code}`}>
            <h2 id={`academie-${code}`}>{academies[code]?.name ?? code}</h2>
            <ul className="fr-grid-row fr-grid-row--gutters" role="list">
              {list.map((s) => (
                <li key={`${s.exam}-${s.session}`} className="fr-col-12 fr-col-md-6 fr-col-lg-4" style={{ listStyle: "none" }}>
                  <div className="fr-card fr-card--no-arrow">
                    <div className="fr-card__body">
                      <div className="fr-card__content">
                        <h3 className="fr-card__title">{examName(s.exam)}</h3>
                        <p className="fr-card__desc">
                          {s.title ?? `Session ${s.session}`}
                          <br />
                          Inscriptions du {formatDateTime(s.opens_at, tz)} au {formatDateTime(s.closes_at, tz)}.
                        </p>
                      </div>
                      <div className="fr-card__footer">
                        <Link
                          className="fr-btn"
                          to={account ? `/inscription/${s.academy}/${s.exam}/${s.session}` : "/connexion"}
                        >
                          {account ? "M'inscrire" : "Me connecter pour m'inscrire"}
                          <span className="fr-sr-only">
                            {" "}
                            : {examName(s.exam)}, {s.title ?? s.session}
                          </span>
                        </Link>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
