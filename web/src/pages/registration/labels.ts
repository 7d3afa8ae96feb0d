// French words for the codes a registration carries, and the autocomplete purpose of the
// candidate's own address fields (WCAG 1.3.5).
import type { FormFieldSpec } from "../../api/types";

export const nationalityLabels: Record<string, string> = {
  francaise: "Française",
  ue: "Ressortissant(e) d'un pays de l'Union européenne",
  autre: "Autre nationalité",
};

export const statusLabels: Record<string, string> = {
  registered: "Inscrit(e)",
  withdrawn: "Désinscrit(e)",
};

const purposes: Record<string, string> = {
  address: "address-line1",
  address_complement: "address-line2",
  postal_code: "postal-code",
  city: "address-level2",
  phone: "tel",
  contact_email: "email",
};

export function autoCompleteFor(field: FormFieldSpec): string | undefined {
  return purposes[field.id] ?? (field.type === "tel" ? "tel" : field.type === "email" ? "email" : undefined);
}

export function sessionPath(academy: string, exam: string, session: string): string {
  return `/api/v1/academies/${encodeURIComponent(academy)}/exams/${encodeURIComponent(exam)}/sessions/${encodeURIComponent(session)}`;
}

export function registrationPath(id: string): string {
  return `/api/v1/registrations/${encodeURIComponent(id)}`;
}
