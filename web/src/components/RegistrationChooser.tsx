// "Choose the registration" for Mes justificatifs and Mes documents: the candidate's
// registrations as cards, each opening `${base}/<id>`; with only one, straight to it.
import { useEffect, useState } from "react";
import { Link, Navigate } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { api, type ApiError } from "../api/client";
import type { RegistrationBrief } from "../api/types";
import { examName } from "../format";

export function RegistrationChooser({ base, intro }: { base: string; intro: string }) {
  const [list, setList] = useState<RegistrationBrief[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void api.get<{ registrations: RegistrationBrief[] }>("/api/v1/registrations").then((r) => {
      if (r.ok) setList(r.data.registrations);
      else setError(r.error);
    });
  }, []);

  if (error) return <Alert severity="error" title="Vos inscriptions ne peuvent pas être affichées" description={error.message} />;
  if (!list) return <p>Chargement de vos inscriptions…</p>;
  if (list.length === 1) return <Navigate to={`${base}/${list[0].id}`} replace />;
  if (list.length === 0)
    return (
      <Alert
        severity="info"
        title="Vous n'avez aucune inscription"
        description={
          <>
            Inscrivez-vous d'abord à un examen depuis <Link to="/inscription">M'inscrire</Link>.
          </>
        }
      />
    );
  return (
    <>
      <p>{intro}</p>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {list.map((r) => (
          <li key={r.id} className="fr-col-12 fr-col-md-6">
            <Card
              title={r.exam_name ?? examName(r.exam)}
              titleAs="h2"
              desc={`${r.session_title ?? `Session ${r.session}`} – inscription n° ${r.registration_number}`}
              start={
                r.status === "withdrawn" ? (
                  <Badge severity="warning" small>
                    Désinscrit
                  </Badge>
                ) : undefined
              }
              enlargeLink
              linkProps={{ to: `${base}/${r.id}` }}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
