// The identity fields of an account (POST /api/v1/accounts, PATCH /api/v1/me), with the
// nationality values the API accepts (services/account_service.cpp: francaise, ue, autre).
import type { FieldSpec } from "./formFaults";

export const nationalities = [
  { value: "francaise", label: "Française" },
  { value: "ue", label: "Ressortissant d'un pays de l'Union européenne" },
  { value: "autre", label: "Autre nationalité" },
];

export type IdentityName = "last_name" | "first_name" | "birth_date" | "birth_place" | "nationality" | "phone";

export const identityFields: (FieldSpec & { name: IdentityName })[] = [
  { name: "last_name", id: "nom", label: "Nom" },
  { name: "first_name", id: "prenom", label: "Prénom" },
  { name: "birth_date", id: "date-naissance", label: "Date de naissance" },
  { name: "birth_place", id: "lieu-naissance", label: "Lieu de naissance" },
  { name: "nationality", id: "nationalite", label: "Nationalité" },
  { name: "phone", id: "telephone", label: "Téléphone (facultatif)" },
];

export type Identity = Record<IdentityName, string>;

export const emptyIdentity: Identity = {
  last_name: "",
  first_name: "",
  birth_date: "",
  birth_place: "",
  nationality: "",
  phone: "",
};

export const dateFault = "Date invalide (format attendu : JJ/MM/AAAA, par exemple 12/03/2001).";

// "12/03/2001" (also with - or . between, or already 2001-03-12) to the API's 2001-03-12;
// null when it is no date of the calendar.
export function toIsoDate(text: string): string | null {
  const t = text.trim();
  let m = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  let [d, mo, y] = m ? [m[1], m[2], m[3]] : ["", "", ""];
  if (!m) {
    m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    if (!m) return null;
    [y, mo, d] = [m[1], m[2], m[3]];
  }
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
    return null;
  return `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

// The API's 2001-03-12 as the person types it: 12/03/2001.
export function fromIsoDate(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
