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
