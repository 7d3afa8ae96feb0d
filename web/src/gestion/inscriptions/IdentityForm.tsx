// Corriger l'identité: the candidate's locked identity, corrected by the office with a reason;
// only the changed fields are sent, the API's faults are shown beside their fields.
import { useState, type FormEvent } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { required, splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { staffApi } from "../staffApi";
import { nationalityLabels } from "./labels";
import type { OfficeCandidate } from "./types";

type Key = "last_name" | "first_name" | "birth_date" | "birth_place" | "nationality";
const identityKeys: Key[] = ["last_name", "first_name", "birth_date", "birth_place", "nationality"];

const fields: FieldSpec[] = [
  { name: "last_name", id: "identite-nom", label: "Nom" },
  { name: "first_name", id: "identite-prenom", label: "Prénom" },
  { name: "birth_date", id: "identite-naissance", label: "Date de naissance" },
  { name: "birth_place", id: "identite-lieu", label: "Lieu de naissance" },
  { name: "nationality", id: "identite-nationalite", label: "Nationalité" },
  { name: "reason", id: "identite-motif", label: "Motif de la correction" },
];

export function IdentityForm({ id, candidate, onDone }: { id: string; candidate: OfficeCandidate; onDone: (message: string) => void }) {
  const initial: Record<Key, string> = {
    last_name: candidate.last_name,
    first_name: candidate.first_name,
    birth_date: candidate.birth_date,
    birth_place: candidate.birth_place,
    nationality: candidate.nationality ?? "",
  };
  const [values, setValues] = useState<Record<Key | "reason", string>>({ ...initial, reason: "" });
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: Key | "reason") => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const byName = (name: string) => fields.find((f) => f.name === name)!;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    for (const k of identityKeys) if (values[k].trim() !== initial[k]) body[k] = values[k].trim();
    const own: Faults = {};
    for (const k of ["last_name", "first_name", "birth_date", "birth_place"] as Key[]) if (!values[k].trim()) own[k] = required;
    if (!values.reason.trim()) own.reason = required;
    if (Object.keys(own).length) {
      setFaults(own);
      setMessage(undefined);
      return;
    }
    if (Object.keys(body).length === 0) {
      setFaults({});
      setMessage("Aucun champ n'a changé : modifiez l'identité avant d'enregistrer la correction.");
      return;
    }
    setBusy(true);
    const r = await staffApi.patch(`/api/v1/admin/registrations/${encodeURIComponent(id)}/candidate`, { ...body, reason: values.reason.trim() });
    setBusy(false);
    if (r.ok) {
      onDone("L'identité du candidat est corrigée.");
      return;
    }
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message);
  };

  const text = (k: Key | "reason", type = "text", hint?: string) => (
    <Input
      label={byName(k).label}
      hintText={hint}
      nativeInputProps={{ id: byName(k).id, type, value: values[k], onChange: set(k) }}
      {...stateOf(faults, k)}
    />
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="identite-titre">
      <h3 id="identite-titre" className="fr-h5">
        Corriger l'identité
      </h3>
      <ErrorSummary title="La correction n'a pas été enregistrée" faults={summaryOf(faults, fields)} message={message} />
      {text("last_name")}
      {text("first_name")}
      {text("birth_date", "date", "Au format JJ/MM/AAAA")}
      {text("birth_place")}
      <Select
        label="Nationalité"
        nativeSelectProps={{ id: "identite-nationalite", value: values.nationality, onChange: set("nationality") }}
        {...stateOf(faults, "nationality")}
      >
        <option value="" disabled>
          Choisir
        </option>
        {Object.entries(nationalityLabels).map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </Select>
      {text("reason", "text", "Obligatoire, par exemple : acte de naissance fourni")}
      <Button type="submit" disabled={busy}>
        Enregistrer la correction
      </Button>
    </form>
  );
}
