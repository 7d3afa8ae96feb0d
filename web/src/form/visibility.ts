// Which fields are shown: a field with `shown_when` appears only while the field it depends on
// is itself shown and answered with one of the listed values (an unanswered checkbox is false).
import type { FormFieldSpec, FormTab } from "../api/types";
import type { Answers } from "./answers";

export interface FormSpec {
  tabs: FormTab[];
}

function byId(form: FormSpec, id: string): FormFieldSpec | undefined {
  for (const t of form.tabs) for (const f of t.fields) if (f.id === id) return f as FormFieldSpec;
  return undefined;
}

export function isShown(field: FormFieldSpec, form: FormSpec, answers: Answers, depth = 0): boolean {
  const cond = field.shown_when;
  if (!cond) return true;
  const parent = byId(form, cond.field);
  // A condition on an unknown field, or a cycle, hides the field rather than looping.
  if (!parent || depth > 20 || !isShown(parent, form, answers, depth + 1)) return false;
  const raw = answers[cond.field];
  const value = parent.type === "checkbox" ? raw === true : raw;
  return cond.one_of.some((v) => v === value);
}

/** The fields of a list that are shown for these answers, in the form's order. */
export function shownFields(fields: FormFieldSpec[], form: FormSpec, answers: Answers): FormFieldSpec[] {
  return fields.filter((f) => isShown(f, form, answers));
}
