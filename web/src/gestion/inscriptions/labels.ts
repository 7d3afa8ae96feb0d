// The French words for the codes the back office's registration API answers with.
import type { PieceStateCode } from "../../api/types";
import type { RegistrationStatus } from "./types";

export const statusLabels: Record<RegistrationStatus, string> = {
  registered: "Inscrit",
  withdrawn: "Désinscrit",
};

/** The `pieces` filter of the search (openapi: confirmed, unconfirmed, rejected, to_review). */
export const piecesFilterLabels: Record<string, string> = {
  to_review: "Pièces à examiner",
  rejected: "Une pièce refusée",
  confirmed: "Pièces confirmées par le candidat",
  unconfirmed: "Pièces non confirmées",
};

export const pieceStateLabels: Record<PieceStateCode, string> = {
  missing: "Manquante",
  received: "Reçue, à examiner",
  accepted: "Acceptée",
  rejected: "Refusée",
  unneeded: "Plus demandée",
};

export const nationalityLabels: Record<string, string> = {
  francaise: "Française",
  ue: "Ressortissant de l'Union européenne",
  autre: "Autre nationalité",
};

export const sortLabels: Record<string, string> = {
  number: "Numéro d'inscription",
  name: "Nom du candidat",
  updated: "Dernière modification (la plus récente d'abord)",
};
