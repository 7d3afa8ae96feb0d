// An answer as a person reads it: option labels rather than codes, Oui/Non, French dates.
import type { FormFieldSpec } from "../api/types";
import type { AnswerValue } from "./answers";
import { formatDate } from "../format";

/** "2001-03-12" as "12 mars 2001" (a calendar day: no time zone may move it). */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return formatDate(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString(), "UTC");
}

/** The text shown for a field's answer; "Non renseigné" when there is none. */
export function displayAnswer(field: FormFieldSpec, value: AnswerValue | undefined): string {
  if (field.type === "checkbox") return value === true ? "Oui" : "Non";
  if (value === undefined || value === "") return "Non renseigné";
  if (field.options) {
    const option = field.options.find((o) => o.value === String(value));
    if (option) return option.label;
  }
  if (field.type === "date") return formatDay(String(value));
  if (field.type === "number") return String(value).replace(".", ",");
  return String(value);
}
