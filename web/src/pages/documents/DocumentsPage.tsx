// « Mes documents » of one registration: the latest version of each document, the
// récapitulatif d'inscription first, then what the office published (convocation, relevé de
// notes...). Links follow the DSFR's download markup: format and size said in the link.
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { api, type ApiError } from "../../api/client";
import type { DocumentEntry } from "../../api/types";
import { formatDate, formatDateTime } from "../../format";
import { useRegistrationContext } from "../../components/useRegistrationContext";
import { RegistrationLead } from "../../components/RegistrationLead";
import { usePageTitle } from "../../usePageTitle";
import { formatName, formatSize } from "../pieces/pieceText";

export function DocumentsPage() {
  usePageTitle("Mes documents");
  const { id = "" } = useParams();
  const { context, error } = useRegistrationContext(id);
  const [documents, setDocuments] = useState<DocumentEntry[] | null>(null);
  const [listError, setListError] = useState<ApiError | null>(null);

  useEffect(() => {
    void api.get<{ documents: DocumentEntry[] }>(`/api/v1/registrations/${encodeURIComponent(id)}/documents`).then((r) => {
      if (r.ok) setDocuments(r.data.documents);
      else setListError(r.error);
    });
  }, [id]);

  const tz = context?.timeZone ?? "Europe/Paris";
  const summary = documents?.find((d) => d.type === "recapitulatif");
  const others = documents?.filter((d) => d.type !== "recapitulatif") ?? [];
  const details = (d: DocumentEntry) =>
    [formatName(d.content_type), d.size !== undefined ? formatSize(d.size) : null, `version ${d.version}`]
      .filter(Boolean)
      .join(" – ");

  return (
    <>
      <h1>Mes documents</h1>
      <RegistrationLead context={context} />
      {(error ?? listError) && (
        <Alert severity="error" title="Vos documents ne peuvent pas être affichés" description={(error ?? listError)!.message} />
      )}
      {!documents && !listError && <p>Chargement de vos documents…</p>}
      {documents && (
        <p>
          Vous trouverez ici les documents relatifs à votre candidature. Seule la dernière version de chaque document est
          disponible. Cliquez sur le nom d'un document pour le consulter, le télécharger ou l'imprimer.
        </p>
      )}
      {summary && (
        <section className="fr-mb-6w" aria-labelledby="recapitulatif-titre">
          <h2 id="recapitulatif-titre">{summary.title}</h2>
          <p>
            Version {summary.version} du {formatDateTime(summary.date, tz)}. C'est votre confirmation d'inscription :
            téléchargez-la ou imprimez-la et conservez-la.
          </p>
          {summary.available ? (
            <a
              className="fr-link fr-link--download"
              href={`/api/v1/registrations/${encodeURIComponent(id)}/recapitulatif.pdf`}
              download
            >
              Visualiser/imprimer<span className="fr-sr-only"> le {summary.title.toLowerCase()}</span>
              <span className="fr-link__detail">{details(summary)}</span>
            </a>
          ) : (
            <Alert
              severity="info"
              small
              description="Le récapitulatif d'inscription n'est plus téléchargeable depuis la clôture du service d'inscription."
            />
          )}
        </section>
      )}
      {documents && (
        <section className="fr-downloads-group" aria-labelledby="autres-documents">
          <h2 id="autres-documents">Autres documents</h2>
          {others.length === 0 ? (
            <p>
              Aucun autre document pour le moment. La convocation aux épreuves, le relevé de notes et les autres documents
              sont déposés au fur et à mesure de l'avancement de la session, s'ils sont publiés par le gestionnaire
              académique.
            </p>
          ) : (
            <ul>
              {others.map((d) => (
                <li key={d.type}>
                  {d.available ? (
                    <a className="fr-link fr-link--download" href={d.href} download>
                      {d.title}
                      <span className="fr-link__detail">
                        {details(d)} – publié le {formatDate(d.date, tz)}
                      </span>
                    </a>
                  ) : (
                    <p>
                      {d.title} (version {d.version}) : ce document n'est plus disponible.
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
