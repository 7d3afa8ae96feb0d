// A form's faults: the API's `fields` and the page's own checks, by API field name, turned into
// the error summary's list in the order the fields appear on the page.
import type { ApiError } from "../../api/client";
import type { FieldFault } from "../../components/ErrorSummary";

export type Faults = Record<string, string>;

export interface FieldSpec {
  name: string; // the API's field name (or the page's own, e.g. password_confirmation)
  id: string; // the input's id
  label: string;
}

export const required = "Ce champ est obligatoire.";

// The API's rule, said the API's way, so an empty or short password is caught before sending.
export const passwordRule =
  "Au moins 12 caractères, sans règle de composition : une phrase de passe facile à retenir convient très bien " +
  "(par exemple quatre mots). Il ne doit contenir ni votre nom, ni votre prénom, ni votre adresse mail.";

export function summaryOf(faults: Faults, fields: FieldSpec[]): FieldFault[] {
  return fields.filter((f) => faults[f.name]).map((f) => ({ id: f.id, label: f.label, message: faults[f.name] }));
}

// The faults the API gave for fields of this form; a fault on a field the form does not show, or
// an error without fields, becomes the summary's message (the API's French sentence).
export function splitApiError(error: ApiError, fields: FieldSpec[]): { faults: Faults; message?: string } {
  const known = new Set(fields.map((f) => f.name));
  const faults: Faults = {};
  const others: string[] = [];
  for (const [name, text] of Object.entries(error.fields)) {
    if (known.has(name)) faults[name] = text;
    else others.push(text);
  }
  if (Object.keys(faults).length === 0) return { faults, message: [error.message, ...others].join(" ") };
  return { faults, message: others.length ? others.join(" ") : undefined };
}

// The DSFR's error state of an Input or Select for one field.
export function stateOf(faults: Faults, name: string) {
  return faults[name]
    ? ({ state: "error", stateRelatedMessage: faults[name] } as const)
    : ({ state: "default" } as const);
}

// "Retry-After: 75" said to a person.
export function retryText(seconds: number | undefined): string {
  if (!seconds || seconds <= 0) return "";
  if (seconds < 60) return ` Vous pourrez réessayer dans ${seconds} seconde${seconds > 1 ? "s" : ""}.`;
  const minutes = Math.ceil(seconds / 60);
  return ` Vous pourrez réessayer dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
}

// Only a path of this portal may be a `retour` target (no other site, no protocol-relative URL).
export function safeReturn(target: string | null): string {
  return target && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\") ? target : "/";
}
