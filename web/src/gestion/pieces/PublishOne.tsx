// One PDF to one registration: find it by its number (the search), choose the type, send the
// file (PUT /admin/registrations/{id}/documents/{type}, with its progress).
import { useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { ErrorSummary } from "../../components/ErrorSummary";
import { splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { examName } from "../../format";
import { staffApi } from "../staffApi";
import { DocumentTypeSelect } from "./DocumentTypeSelect";
import { SendProgress } from "./SendProgress";
import type { DocumentType, OfficeRegistration, Published, RegistrationPage } from "./types";

const fields: FieldSpec[] = [
  { name: "q", id: "doc-numero", label: "Numéro d'inscription" },
  { name: "registration", id: "doc-inscription-0", label: "Inscription" },
  { name: "type", id: "doc-type", label: "Type de document" },
  { name: "file", id: "doc-fichier", label: "Fichier PDF" },
];

export function PublishOne({ types }: { types: DocumentType[] | null }) {
  const [q, setQ] = useState("");
  const [found, setFound] = useState<OfficeRegistration[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [type, setType] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function search(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setMessage(undefined);
    if (!q.trim()) {
      setFaults({ q: "Saisissez un numéro d'inscription, par exemple A13-BACPRO-2025-00001." });
      return;
    }
    setFaults({});
    const r = await staffApi.get<RegistrationPage>(`/api/v1/admin/registrations?limit=20&q=${encodeURIComponent(q.trim())}`);
    if (!r.ok) {
      const split = splitApiError(r.error, fields);
      setFaults(split.faults);
      setMessage(split.message);
      return;
    }
    setFound(r.data.registrations);
    const exact = r.data.registrations.filter((x) => x.registration_number.toUpperCase() === q.trim().toUpperCase());
    setChosen(exact.length === 1 ? exact[0].id : r.data.registrations.length === 1 ? r.data.registrations[0].id : "");
    if (r.data.registrations.length === 0) setFaults({ q: `Aucune inscription de votre académie ne correspond à « ${q.trim()} ».` });
  }

  async function publish(e: FormEvent) {
    e.preventDefault();
    if (progress !== null) return;
    setDone(null);
    setMessage(undefined);
    const mine: Faults = {};
    if (!chosen) mine.registration = "Choisissez l'inscription à qui publier le document.";
    if (!type) mine.type = "Choisissez le type de document.";
    if (!file) mine.file = "Choisissez le fichier PDF à publier.";
    setFaults(mine);
    if (Object.keys(mine).length || !file) return;
    const reg = found!.find((x) => x.id === chosen)!;
    setProgress(0);
    const r = await staffApi.send<Published>(
      "PUT",
      `/api/v1/admin/registrations/${chosen}/documents/${encodeURIComponent(type)}?file_name=${encodeURIComponent(file.name)}`,
      new Blob([file], { type: "application/pdf" }),
      setProgress,
    );
    setProgress(null);
    if (!r.ok) {
      const split = splitApiError(r.error, fields);
      // A refused file (not a PDF, too large) is the file field's fault.
      if (!Object.keys(split.faults).length && [413, 415].includes(r.error.status)) {
        setFaults({ file: r.error.message });
        return;
      }
      setFaults(split.faults);
      setMessage(split.message);
      return;
    }
    const label = types?.find((t) => t.code === type)?.label ?? type;
    setDone(
      `« ${label} » (version ${r.data.version}) est publié pour l'inscription n° ${reg.registration_number} de ${reg.first_name} ${reg.last_name}. Le candidat est prévenu par mail et le trouve dans « Mes documents ».`,
    );
  }

  return (
    <section aria-labelledby="un-document" className="fr-mb-6w">
      <h2 id="un-document">Publier un document pour une inscription</h2>
      <ErrorSummary title="Le document n'a pas été publié" faults={summaryOf(faults, fields)} message={message} />
      {done && <Alert severity="success" title="Document publié" description={done} className="fr-mb-3w" />}
      <form onSubmit={search} noValidate aria-label="Rechercher l'inscription">
        <Input
          label="Numéro d'inscription"
          hintText="Ou le début du nom, ou le numéro de candidat."
          nativeInputProps={{ id: "doc-numero", value: q, onChange: (e) => setQ(e.target.value), autoComplete: "off" }}
          {...stateOf(faults, "q")}
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-search-line" iconPosition="left">
          Rechercher l'inscription
        </Button>
      </form>
      {found && found.length > 0 && (
        <form onSubmit={publish} noValidate className="fr-mt-4w" aria-label="Publier le document">
          <RadioButtons
            id="doc-inscription"
            legend="Inscription"
            name="doc-inscription"
            options={found.map((x) => ({
              label: `n° ${x.registration_number} : ${x.last_name} ${x.first_name}`,
              hintText: `${examName(x.exam)}, session ${x.session}${x.status === "withdrawn" ? " (désinscrit)" : ""}`,
              nativeInputProps: {
                value: x.id,
                checked: chosen === x.id,
                onChange: () => setChosen(x.id),
              },
            }))}
            {...stateOf(faults, "registration")}
          />
          <DocumentTypeSelect id="doc-type" types={types} value={type} onChange={setType} state={stateOf(faults, "type")} />
          <Upload
            label="Fichier PDF"
            hint="Un seul fichier PDF, 10 Mio au plus."
            nativeInputProps={{
              id: "doc-fichier",
              accept: "application/pdf,.pdf",
              onChange: (e) => setFile(e.currentTarget.files?.[0] ?? null),
            }}
            {...stateOf(faults, "file")}
          />
          <Button type="submit" className="fr-mt-2w" iconId="fr-icon-upload-2-line" nativeButtonProps={{ "aria-disabled": progress !== null }}>
            Publier le document
          </Button>
          {progress !== null && file && <SendProgress id="doc-progression" fileName={file.name} fraction={progress} />}
        </form>
      )}
    </section>
  );
}
