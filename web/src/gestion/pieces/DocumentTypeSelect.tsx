// The académie's document types, by their label (the code goes into the address).
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { DocumentType } from "./types";

interface Props {
  id: string;
  types: DocumentType[] | null;
  value: string;
  onChange: (code: string) => void;
  state: { state: "error"; stateRelatedMessage: string } | { state: "default" };
}

export function DocumentTypeSelect({ id, types, value, onChange, state }: Props) {
  return (
    <Select
      label="Type de document"
      hint="Les types que votre académie déclare ; le candidat lit ce libellé dans « Mes documents »."
      nativeSelectProps={{ id, value, required: true, onChange: (e) => onChange(e.target.value) }}
      {...state}
    >
      <option value="" disabled>
        {types ? "Choisir un type" : "Chargement des types…"}
      </option>
      {(types ?? []).map((t) => (
        <option key={t.code} value={t.code}>
          {t.label}
        </option>
      ))}
    </Select>
  );
}
