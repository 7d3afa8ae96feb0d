// The shown fields of one tab of a session's form, each with its answer and its error. The
// parent owns the answers and decides which errors to show; this only draws and reports changes.
// Reused wherever a session's form is filled (the candidate's wizard, the office's simulator).
import type { FormFieldSpec } from "../api/types";
import type { AnswerValue, Answers } from "./answers";
import { FieldInput } from "./FieldInput";
import { shownFields, type FormSpec } from "./visibility";

export interface FormFieldsProps {
  form: FormSpec;
  /** The tab to draw (its id); every tab when absent. */
  tab?: string;
  answers: Answers;
  /** field id -> French message, for the fields whose error should be visible now. */
  errors: Record<string, string>;
  onChange: (id: string, value: AnswerValue) => void;
  onBlur?: (id: string) => void;
  /** Prefix of the inputs' ids, so that two forms on a page do not collide. */
  idPrefix?: string;
  disabled?: boolean;
  /** The autocomplete token of a field (WCAG 1.3.5), when the caller knows its purpose. */
  autoCompleteFor?: (field: FormFieldSpec) => string | undefined;
}

export function FormFields({ form, tab, answers, errors, onChange, onBlur, idPrefix = "champ-", disabled, autoCompleteFor }: FormFieldsProps) {
  const tabs = tab === undefined ? form.tabs : form.tabs.filter((t) => t.id === tab);
  const fields = tabs.flatMap((t) => t.fields as FormFieldSpec[]);
  return (
    <>
      {shownFields(fields, form, answers).map((f) => (
        <div key={f.id} className="fr-mb-3w">
          <FieldInput
            field={f}
            value={answers[f.id]}
            error={errors[f.id]}
            idPrefix={idPrefix}
            disabled={disabled}
            autoComplete={autoCompleteFor?.(f)}
            onChange={onChange}
            onBlur={onBlur}
          />
        </div>
      ))}
    </>
  );
}
