// What the back office's pieces and documents routes answer (openapi.yaml: OfficeRegistration,
// GET /admin/registrations/{id}, the bulk publication's report). Pieces reuse the portal's types.
export type { Piece, PieceFile, PieceSet } from "../../api/types";

// One row of the search and a page of them: the registrations area's own shapes.
export type { OfficeRegistration, OfficePage as RegistrationPage } from "../inscriptions/types";

/** GET /admin/registrations/{id}: only what these pages show. */
export interface RegistrationDetail {
  id: string;
  registration_number: string;
  exam: string;
  session: string;
  exam_name?: string;
  session_title?: string;
  pole?: { code: string; name: string };
  candidate: { last_name: string; first_name: string; birth_date: string; email: string };
}

export interface DocumentType {
  code: string;
  label: string;
}

export interface Published {
  type: string;
  version: number;
}

export interface BulkReport {
  published: { file: string; registration_number: string; version: number }[];
  refused: { file: string; message: string }[];
}
