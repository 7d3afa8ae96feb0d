// What the back office's pieces and documents routes answer (openapi.yaml: OfficeRegistration,
// GET /admin/registrations/{id}, the bulk publication's report). Pieces reuse the portal's types.
export type { Piece, PieceFile, PieceSet } from "../../api/types";

export interface OfficeRegistration {
  id: string;
  registration_number: string;
  candidate_number: string;
  last_name: string;
  first_name: string;
  birth_date: string;
  email: string;
  exam: string;
  session: string;
  speciality: string;
  pole: string;
  status: "registered" | "withdrawn";
  version: number;
  pieces_confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RegistrationPage {
  registrations: OfficeRegistration[];
  next: string | null;
}

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
