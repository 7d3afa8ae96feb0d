// One field of a session's form as its DSFR control: the label (with * when required), the
// help as hint, the error next to it (state="error"). Ids are `${idPrefix}${field.id}`; for radio
// buttons and checkboxes that is the fieldset and the inputs are `-0`, `-1`… (fieldTargetId).
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import type { FormFieldSpec } from "../api/types";
import type { AnswerValue } from "./answers";

export interface FieldInputProps {
  field: FormFieldSpec;
  value: AnswerValue | undefined;
  error?: string;
  idPrefix: string;
  disabled?: boolean;
  autoComplete?: string;
  onChange: (id: string, value: AnswerValue) => void;
  onBlur?: (id: string) => void;
}

/** The id of the element an error summary links to: the input, or a group's first input. */
export function fieldTargetId(field: FormFieldSpec, idPrefix: string): string {
  const id = idPrefix + field.id;
  return field.type === "radio" || field.type === "checkbox" ? `${id}-0` : id;
}

function Label({ field }: { field: FormFieldSpec }) {
  return (
    <>
      {field.label}
      {field.required && <span aria-hidden="true">{"\u00a0*"}</span>}
    </>
  );
}

const inputTypes: Record<string, string> = { text: "text", email: "email", tel: "tel", date: "date", number: "text" };

export function FieldInput({ field, value, error, idPrefix, disabled, autoComplete, onChange, onBlur }: FieldInputProps) {
  const id = idPrefix + field.id;
  const state = error ? ("error" as const) : ("default" as const);
  const blur = () => onBlur?.(field.id);
  const text = value === undefined || typeof value === "boolean" ? "" : String(value);

  switch (field.type) {
    case "checkbox":
      return (
        <Checkbox
          id={id}
          disabled={disabled}
          state={state}
          stateRelatedMessage={error}
          options={[
            {
              label: <Label field={field} />,
              hintText: field.help,
              nativeInputProps: {
                name: id,
                checked: value === true,
                required: field.required,
                "aria-invalid": error ? true : undefined,
                // The DSFR ties a lone checkbox's message to its fieldset only: tie it to the box.
                "aria-describedby": error ? `${id}-desc-error` : undefined,
                onChange: (e) => onChange(field.id, e.currentTarget.checked),
                onBlur: blur,
              },
            },
          ]}
        />
      );
    case "radio":
      return (
        <RadioButtons
          id={id}
          name={id}
          legend={<Label field={field} />}
          hintText={field.help}
          disabled={disabled}
          state={state}
          stateRelatedMessage={error}
          options={(field.options ?? []).map((o) => ({
            label: o.label,
            nativeInputProps: {
              value: o.value,
              checked: value === o.value,
              required: field.required,
              "aria-invalid": error ? true : undefined,
              onChange: () => onChange(field.id, o.value),
              onBlur: blur,
            },
          }))}
        />
      );
    case "select":
      return (
        <Select
          label={<Label field={field} />}
          hint={field.help}
          disabled={disabled}
          state={state}
          stateRelatedMessage={error}
          nativeSelectProps={{
            id,
            name: id,
            value: text,
            required: field.required,
            "aria-invalid": error ? true : undefined,
            onChange: (e) => onChange(field.id, e.currentTarget.value),
            onBlur: blur,
          }}
        >
          <option value="" disabled hidden>
            Sélectionnez une option
          </option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      );
    case "textarea":
      return (
        <Input
          textArea
          label={<Label field={field} />}
          hintText={field.help}
          disabled={disabled}
          state={state}
          stateRelatedMessage={error}
          nativeTextAreaProps={{
            id,
            name: id,
            value: text,
            required: field.required,
            maxLength: field.max_length,
            "aria-invalid": error ? true : undefined,
            onChange: (e) => onChange(field.id, e.currentTarget.value),
            onBlur: blur,
          }}
        />
      );
    default:
      return (
        <Input
          label={<Label field={field} />}
          hintText={field.help}
          disabled={disabled}
          state={state}
          stateRelatedMessage={error}
          nativeInputProps={{
            id,
            name: id,
            type: inputTypes[field.type] ?? "text",
            // Numbers are typed as text (a comma is fine, nothing is lost); the keypad fits them.
            inputMode: field.type === "number" ? (field.integer ? "numeric" : "decimal") : field.format === "postal_code" ? "numeric" : undefined,
            autoComplete,
            value: text,
            required: field.required,
            maxLength: field.max_length,
            pattern: field.pattern,
            "aria-invalid": error ? true : undefined,
            onChange: (e) => onChange(field.id, e.currentTarget.value),
            onBlur: blur,
          }}
        />
      );
  }
}
