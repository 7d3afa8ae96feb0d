// A ZIP of PDFs named by registration number (POST /admin/documents/{type}/bulk, with its
// progress); the API's report, file by file, as a table.
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { ErrorSummary } from "../../components/ErrorSummary";
import { splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { staffApi } from "../staffApi";
import { BulkReportTable, counted } from "./BulkReportTable";
import { DocumentTypeSelect } from "./DocumentTypeSelect";
import { SendProgress } from "./SendProgress";
import type { BulkReport, DocumentType } from "./types";

const fields: FieldSpec[] = [
  { name: "type", id: "lot-type", label: "Type de document" },
  { name: "file", id: "lot-fichier", label: "Archive ZIP" },
];

export function PublishBulk({ types }: { types: DocumentType[] | null }) {
  const [type, setType] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<{ data: BulkReport; label: string } | null>(null);
  const result = useRef<HTMLDivElement>(null);

  async function publish(e: FormEvent) {
    e.preventDefault();
    if (progress !== null) return;
    setMessage(undefined);
    setReport(null);
    const mine: Faults = {};
    if (!type) mine.type = "Choisissez le type de document.";
    if (!file) mine.file = "Choisissez l'archive ZIP des PDF.";
    setFaults(mine);
    if (Object.keys(mine).length || !file) return;
    setProgress(0);
    const r = await staffApi.send<BulkReport>(
      "POST",
      `/api/v1/admin/documents/${encodeURIComponent(type)}/bulk`,
      new Blob([file], { type: "application/zip" }),
      setProgress,
    );
    setProgress(null);
    if (!r.ok) {
      const split = splitApiError(r.error, fields);
      // The archive itself refused (not a ZIP, too large): the file field's fault.
      if (!Object.keys(split.faults).length && [413, 415, 422].includes(r.error.status)) setFaults({ file: r.error.message });
      else {
        setFaults(split.faults);
        setMessage(split.message);
      }
      return;
    }
    setReport({ data: r.data, label: types?.find((t) => t.code === type)?.label ?? type });
    requestAnimationFrame(() => result.current?.focus());
  }

  return (
    <section aria-labelledby="un-lot">
      <h2 id="un-lot">Publier un lot de documents</h2>
      <p>
        Une archive ZIP de fichiers PDF, chacun nommé par le numéro d'inscription du candidat (par exemple
        « A13-BACPRO-2025-00001.pdf », dans n'importe quel dossier de l'archive). Chaque fichier est publié seul : un
        fichier refusé n'empêche pas les autres. Chaque candidat est prévenu par mail.
      </p>
      <ErrorSummary title="Le lot n'a pas été publié" faults={summaryOf(faults, fields)} message={message} />
      <form onSubmit={publish} noValidate aria-label="Publier un lot">
        <DocumentTypeSelect id="lot-type" types={types} value={type} onChange={setType} state={stateOf(faults, "type")} />
        <Upload
          label="Archive ZIP"
          hint="Un fichier .zip de PDF, 1 Gio au plus."
          nativeInputProps={{
            id: "lot-fichier",
            accept: "application/zip,.zip",
            onChange: (e) => setFile(e.currentTarget.files?.[0] ?? null),
          }}
          {...stateOf(faults, "file")}
        />
        <Button type="submit" className="fr-mt-2w" iconId="fr-icon-upload-2-line" nativeButtonProps={{ "aria-disabled": progress !== null }}>
          Publier le lot
        </Button>
        {progress !== null && file && <SendProgress id="lot-progression" fileName={file.name} fraction={progress} />}
      </form>
      {report && (
        <div ref={result} tabIndex={-1} className="fr-mt-4w">
          <Alert
            severity={report.data.refused.length ? "warning" : "success"}
            title={report.data.refused.length ? "Lot publié en partie" : "Lot publié"}
            description={`${counted(report.data.published.length, "fichier publié", "fichiers publiés")}, ${counted(report.data.refused.length, "refusé")} : le détail de chaque fichier est dans le tableau ci-dessous.`}
            className="fr-mb-3w"
          />
          <BulkReportTable report={report.data} typeLabel={report.label} />
        </div>
      )}
    </section>
  );
}
