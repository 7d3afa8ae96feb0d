// Accorder une dérogation (after the session's close): the candidate may modify this session's
// registration until the chosen time (within three months); the rules judge everything else.
import { useState, type FormEvent } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { required, splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { formatDateTime } from "../../format";
import { staffApi } from "../staffApi";
import { localToIso } from "./dates";

const fields: FieldSpec[] = [
  { name: "until", id: "derogation-fin", label: "Dérogation valable jusqu'au" },
  { name: "reason", id: "derogation-motif", label: "Motif de la dérogation" },
];

export function DerogationForm({
  email,
  exam,
  session,
  timeZone,
  onDone,
}: {
  email: string;
  exam: string;
  session: string;
  timeZone: string;
  onDone: (message: string) => void;
}) {
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const own: Faults = {};
    if (!until) own.until = required;
    if (!reason.trim()) own.reason = required;
    setMessage(undefined);
    setFaults(own);
    if (Object.keys(own).length) return;
    const at = localToIso(until, timeZone);
    setBusy(true);
    const r = await staffApi.post("/api/v1/admin/derogations", { email, exam, session, until: at, reason: reason.trim() });
    setBusy(false);
    if (r.ok) {
      onDone(`Dérogation accordée : le candidat peut modifier son inscription jusqu'au ${formatDateTime(at, timeZone)}.`);
      return;
    }
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="derogation-titre">
      <h3 id="derogation-titre" className="fr-h5">
        Accorder une dérogation
      </h3>
      <ErrorSummary title="La dérogation n'a pas été accordée" faults={summaryOf(faults, fields)} message={message} />
      <p>
        Le service d'inscription est fermé. Une dérogation permet à ce candidat seul de modifier son inscription à cette
        session jusqu'à la date choisie (au plus trois mois). Une nouvelle dérogation remplace la précédente.
      </p>
      <Input
        label="Dérogation valable jusqu'au"
        hintText="Date et heure, à l'heure de l'académie"
        nativeInputProps={{ id: "derogation-fin", type: "datetime-local", value: until, onChange: (e) => setUntil(e.target.value) }}
        {...stateOf(faults, "until")}
      />
      <Input
        label="Motif de la dérogation"
        hintText="Obligatoire, par exemple : hospitalisation pendant la période d'inscription"
        nativeInputProps={{ id: "derogation-motif", value: reason, onChange: (e) => setReason(e.target.value) }}
        {...stateOf(faults, "reason")}
      />
      <Button type="submit" disabled={busy}>
        Accorder la dérogation
      </Button>
    </form>
  );
}
