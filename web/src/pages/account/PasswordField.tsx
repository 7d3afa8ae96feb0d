// A password input (DSFR block, with "Afficher"), its rule said in the label's hint before typing
// and its fault, when there is one, said beneath it.
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";

export function PasswordField({
  id,
  label,
  hint,
  value,
  onChange,
  fault,
  autoComplete,
  optional = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  fault?: string;
  autoComplete: "new-password" | "current-password";
  optional?: boolean;
}) {
  return (
    <PasswordInput
      label={label}
      hintText={hint}
      messagesHint=""
      messages={fault ? [{ severity: "error", message: fault }] : []}
      nativeInputProps={{
        id,
        name: id,
        value,
        onChange: (e) => onChange(e.target.value),
        autoComplete,
        required: !optional,
        "aria-invalid": fault ? true : undefined,
      }}
    />
  );
}
