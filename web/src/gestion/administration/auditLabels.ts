// The audit log said in French: actions, objects and the fields their before/after hold.
import { rolesText, statusLabels } from "./staffLabels";

export const actionLabels: Record<string, string> = {
  "staff.create": "Création d'un compte de gestion",
  "staff.accept_invitation": "Activation d'un compte de gestion",
  "staff.login": "Connexion à la gestion",
  "staff.update": "Modification d'un compte de gestion",
  "staff.reset": "Nouvelle invitation (téléphone ou mot de passe perdu)",
  "registration.withdraw": "Retrait d'une inscription",
  "registration.export": "Export des inscriptions",
  "registration.derogation": "Dérogation après la clôture",
  "candidate.correct_identity": "Correction de l'identité d'un candidat",
  "piece.review": "Examen d'une pièce justificative",
  "piece.download": "Consultation d'une pièce justificative",
  "piece.remind": "Relance d'un candidat pour ses pièces",
  "document.publish": "Publication d'un document",
  "rules.submit": "Dépôt d'une version des règles",
  "rules.approve": "Approbation d'une version des règles",
  "rules.schedule": "Programmation d'une version des règles",
  "rules.activate": "Mise en service d'une version des règles",
  "rules.hold": "Modification des règles retenue",
  "rules.settings": "Réglage de l'approbation des règles",
};

// The filter's choices: each family (a prefix the API takes), then each action.
export const actionFamilies: { value: string; label: string }[] = [
  { value: "staff.", label: "Équipe et connexions (toutes)" },
  { value: "registration.", label: "Inscriptions (toutes)" },
  { value: "candidate.", label: "Candidats (toutes)" },
  { value: "piece.", label: "Pièces justificatives (toutes)" },
  { value: "document.", label: "Documents (toutes)" },
  { value: "rules.", label: "Règles (toutes)" },
];

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

const targetLabels: Record<string, string> = {
  staff_user: "Compte de gestion",
  registration: "Inscription",
  rule_version: "Version des règles",
  candidate: "Candidat",
  piece: "Pièce justificative",
  document: "Document",
  academy: "Académie",
  rules_settings: "Réglages des règles",
};

export function targetLabel(type: string | undefined): string {
  return type ? (targetLabels[type] ?? type) : "";
}

const fieldLabels: Record<string, string> = {
  email: "Adresse mail",
  display_name: "Nom",
  roles: "Rôles",
  status: "État",
  client: "Adresse de connexion",
  known_device: "Appareil connu",
  number: "Version",
  origin: "Origine",
  reason: "Motif",
  note: "Note",
  state: "État",
  decision: "Décision",
  code: "Pièce",
  type: "Type",
  last_name: "Nom",
  first_name: "Prénom",
  birth_date: "Date de naissance",
  birth_place: "Lieu de naissance",
  nationality: "Nationalité",
  activate_at: "Mise en service prévue",
  require_approval: "Approbation par une seconde personne",
  count: "Nombre",
  filters: "Filtres",
};

export function fieldLabel(key: string): string {
  return fieldLabels[key] ?? key;
}

const originLabels: Record<string, string> = { folder: "dossier des scripts", api: "gestion", cli: "ligne de commande" };

export function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (key === "roles") {
    const list = Array.isArray(value) ? value.map(String) : String(value).split(",");
    return rolesText(list.map((r) => r.trim()));
  }
  if (key === "status" && typeof value === "string" && value in statusLabels)
    return statusLabels[value as keyof typeof statusLabels];
  if (key === "origin" && typeof value === "string") return originLabels[value] ?? value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
