// The identity inputs, shared by "Créer mon compte" and "Modifier mon compte" (greyed there once
// the first registration locked them).
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { stateOf, type Faults } from "./formFaults";
import { identityFields, nationalities, type Identity, type IdentityName } from "./identity";

const autocomplete: Record<IdentityName, string> = {
  last_name: "family-name",
  first_name: "given-name",
  birth_date: "bday",
  birth_place: "off",
  nationality: "off",
  phone: "tel",
};

const hints: Partial<Record<IdentityName, string>> = {
  last_name: "Votre nom de famille, tel qu'il figure sur votre pièce d'identité.",
  first_name: "Votre premier prénom, tel qu'il figure sur votre pièce d'identité.",
  birth_date: "Format attendu : JJ/MM/AAAA, par exemple 12/03/2001.",
  birth_place: "Commune de naissance, suivie du pays si vous êtes né à l'étranger.",
  phone: "Par exemple : 06 12 34 56 78.",
};

export function IdentityInputs({
  value,
  onChange,
  faults,
  disabled = false,
}: {
  value: Identity;
  onChange: (next: Identity) => void;
  faults: Faults;
  disabled?: boolean;
}) {
  const set = (name: IdentityName) => (e: { target: { value: string } }) => onChange({ ...value, [name]: e.target.value });
  return (
    <>
      {identityFields.map((f) =>
        f.name === "nationality" ? (
          <Select
            key={f.name}
            label={f.label}
            disabled={disabled}
            {...stateOf(faults, f.name)}
            nativeSelectProps={{
              id: f.id,
              name: f.name,
              value: value.nationality,
              onChange: set("nationality"),
              required: !disabled,
              "aria-invalid": faults[f.name] ? true : undefined,
            }}
          >
            <option value="" disabled>
              Sélectionnez votre nationalité
            </option>
            {nationalities.map((n) => (
              <option key={n.value} value={n.value}>
                {n.label}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            key={f.name}
            label={f.label}
            hintText={hints[f.name]}
            disabled={disabled}
            {...stateOf(faults, f.name)}
            nativeInputProps={{
              id: f.id,
              name: f.name,
              // A text input with its format said: a date input's own format follows the browser's
              // language, which may not be the page's.
              type: f.name === "phone" ? "tel" : "text",
              inputMode: f.name === "birth_date" ? "numeric" : undefined,
              value: value[f.name],
              onChange: set(f.name),
              autoComplete: autocomplete[f.name],
              required: f.name !== "phone" && !disabled,
              "aria-invalid": faults[f.name] ? true : undefined,
            }}
          />
        ),
      )}
    </>
  );
}
