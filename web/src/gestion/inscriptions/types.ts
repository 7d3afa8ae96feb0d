// The back office's registration shapes (openapi: OfficeRegistration, the admin detail, history).
import type { Piece, Registration } from "../../api/types";

export type RegistrationStatus = "registered" | "withdrawn";

/** One row of GET /api/v1/admin/registrations. */
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
  status: RegistrationStatus;
  version: number;
  pieces_confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OfficePage {
  registrations: OfficeRegistration[];
  next: string | null;
}

/** The candidate's identity as GET /api/v1/admin/registrations/{id} gives it. */
export interface OfficeCandidate {
  account_id: string;
  email: string;
  last_name: string;
  first_name: string;
  birth_date: string;
  birth_place: string;
  nationality?: string;
  phone?: string;
}

export type OfficeRegistrationDetail = Registration & { candidate: OfficeCandidate };

/** One version of GET /api/v1/admin/registrations/{id}/history (oldest first). */
export interface HistoryVersion {
  version: number;
  saved_at: string;
  changed_by: { kind: "candidate" | "staff"; id?: string; name?: string };
  reason: string;
  answers: Record<string, string | number | boolean>;
  pieces: { code: string; label: string; required: boolean }[];
  pole: string;
  rule_set_version: string;
}

export interface OfficePieceSet {
  confirmed: boolean;
  confirmed_at: string | null;
  pieces: Piece[];
}
