// « Documents » (/gestion/documents): publish one PDF to a registration, or a ZIP of PDFs named by
// registration number, for one of the académie's document types.
import { useGestionTitle } from "../useGestionTitle";
import { PublishBulk } from "./PublishBulk";
import { PublishOne } from "./PublishOne";
import { useDocumentTypes } from "./useDocumentTypes";

export function Documents() {
  useGestionTitle("Documents");
  const types = useDocumentTypes();
  return (
    <>
      <h1>Documents</h1>
      <p className="fr-text--lead">
        Les documents publiés (convocations, relevés de notes, attestations…) apparaissent dans « Mes documents » du
        candidat, qui est prévenu par mail.
      </p>
      <PublishOne types={types} />
      <PublishBulk types={types} />
    </>
  );
}
