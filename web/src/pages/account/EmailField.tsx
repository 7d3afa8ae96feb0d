// The account's mail address input, as every account form asks it: its format said before
// typing, its fault beneath it.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { stateOf, type Faults } from "./formFaults";

export function EmailField({
  hint,
  faults,
  value,
  onChange,
  autoComplete = "email",
}: {
  hint: string;
  faults: Faults;
  value: string;
  onChange: (v: string) => void;
  autoComplete?: "email" | "username";
}) {
  return (
    <Input
      label="Adresse mail"
      hintText={hint}
      {...stateOf(faults, "email")}
      nativeInputProps={{
        id: "email",
        name: "email",
        type: "email",
        autoComplete,
        required: true,
        value,
        onChange: (e) => onChange(e.target.value),
        "aria-invalid": faults.email ? true : undefined,
      }}
    />
  );
}
