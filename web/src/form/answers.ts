// The answers a form holds while a person fills it, and what is sent to the API from them.
// Text-like inputs keep their text (numbers included, so "3," can be typed); checkboxes a
// boolean. Fields not shown are kept locally (they come back if shown again) but never sent.
import type { FormFieldSpec } from "../api/types";
import { isShown, type FormSpec } from "./visibility";

export type AnswerValue = string | number | boolean;
export type Answers = Record<string, AnswerValue>;

/** Every field of the form, tab after tab. */
export function allFields(form: FormSpec): FormFieldSpec[] {
  return form.tabs.flatMap((t) => t.fields as FormFieldSpec[]);
}

/** Stored answers (numbers as numbers) as the inputs hold them. */
export function answersForInputs(form: FormSpec, stored: Record<string, AnswerValue>): Answers {
  const out: Answers = {};
  for (const f of allFields(form)) {
    const v = stored[f.id];
    if (v === undefined || v === null) continue;
    out[f.id] = f.type === "checkbox" ? v === true : typeof v === "number" ? String(v) : v;
  }
  return out;
}

/** The answers to send: shown fields only, empty ones left out, numbers parsed when they can be
 * (otherwise the text goes, and the server says what is wrong with it). */
export function answersToSend(form: FormSpec, answers: Answers): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const f of allFields(form)) {
    if (!isShown(f, form, answers)) continue;
    const v = answers[f.id];
    if (v === undefined) continue;
    if (f.type === "checkbox") {
      out[f.id] = v === true;
      continue;
    }
    const text = String(v).trim();
    if (text === "") continue;
    if (f.type === "number") {
      const n = Number(text.replace(",", "."));
      out[f.id] = /^-?\d+([.,]\d+)?$/.test(text) && Number.isFinite(n) ? n : text;
    } else out[f.id] = typeof v === "string" ? v : text;
  }
  return out;
}
