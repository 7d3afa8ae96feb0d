// The shapes of the API's answers the portal reads (see openapi.yaml).

export interface Account {
  id: string;
  email: string;
  last_name: string;
  first_name: string;
  birth_date: string;
  birth_place: string;
  nationality?: string;
  status: string;
  personal_data_locked?: boolean;
  [key: string]: unknown;
}

export interface OpenService {
  academy: string;
  exam: string;
  session: string;
  title?: string;
  opens_at: string;
  closes_at: string;
}

export interface Pole {
  code: string;
  name: string;
  phones?: string[];
  email?: string;
  [key: string]: unknown;
}

export interface Academy {
  code: string;
  name: string;
  timezone: string;
  departments?: string[];
  poles?: Pole[];
  sessions?: OpenService[];
}

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  id: string;
  label: string;
  type: "text" | "textarea" | "date" | "email" | "tel" | "number" | "select" | "radio" | "checkbox";
  required: boolean;
  options?: FieldOption[];
  help?: string;
  pattern?: string;
  [key: string]: unknown;
}

export interface FormTab {
  id: string;
  title: string;
  fields: FormField[];
}

export interface SessionInfo {
  academy: string;
  exam: string;
  exam_name?: string;
  session: string;
  title?: string;
  opens_at: string;
  closes_at: string;
  edits_close_at: string;
  final_registration: {
    mode: "postal" | "upload";
    deadline: string | null;
    deadline_text?: string;
    instructions?: string;
    [key: string]: unknown;
  };
  form: { tabs: FormTab[] };
  poles?: Pole[];
  specialities?: { code: string; label: string }[];
  [key: string]: unknown;
}

// Accounts (POST /api/v1/accounts) and the offices a candidate writes to.
export interface AccountCreated {
  id: string;
  email: string;
  status: "pending_activation";
}

export interface AcademyOffices extends Academy {
  postal_address?: string[];
}

/** What "Modifier mon compte" reads of GET /api/v1/registrations: each one's managing pôle. */
export interface RegistrationOffice {
  id: string;
  status: string;
  pole: { code: string; name?: string; phones?: string[]; email?: string };
}

// Mes justificatifs and Mes documents (GET /registrations, /registrations/{id}/pieces and
// /documents). Named apart from the registration pages' own types.

export interface RegistrationBrief {
  id: string;
  academy: string;
  exam: string;
  session: string;
  exam_name?: string;
  session_title?: string;
  registration_number: string;
  candidate_number: string;
  version: number;
  status: "registered" | "withdrawn";
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

export interface PieceFile {
  id: string;
  name: string;
  size: number;
  content_type: string;
  sha256: string;
  uploaded_at: string;
}

export type PieceStateCode = "missing" | "received" | "accepted" | "rejected" | "unneeded";

export interface Piece {
  code: string;
  label: string;
  explanation?: string;
  required: boolean;
  needed: boolean;
  state: PieceStateCode;
  reason?: string;
  replaced?: boolean;
  editable: boolean;
  files: PieceFile[];
}

export interface PieceSet {
  registration_id: string;
  mode: "upload";
  deadline: string | null;
  deadline_text: string | null;
  deadline_passed: boolean;
  confirmed: boolean;
  confirmed_at: string | null;
  frozen: boolean;
  complete: boolean;
  missing: string[];
  limits: { max_file_bytes: number; accepted_types: string[]; max_files_per_piece: number };
  pieces: Piece[];
  file?: PieceFile;
}

export interface DocumentEntry {
  type: string;
  title: string;
  version: number;
  date: string;
  content_type: string;
  size?: number;
  available: boolean;
  href: string;
}

// --- Registration (M'inscrire, Mes inscriptions) ---

/** A field's display condition: shown when `field` is shown and its answer is one of `one_of`. */
export interface ShownWhen {
  field: string;
  one_of: (string | boolean)[];
}

/** A form field with the constraints the session's JSON may add (openapi Field). */
export type FormFieldSpec = FormField & {
  shown_when?: ShownWhen;
  min?: number;
  max?: number;
  integer?: boolean;
  max_length?: number;
  format?: string;
};

export interface Contact {
  name: string;
  phones: string[];
  email: string;
}

export interface RequiredPiece {
  code: string;
  label: string;
  required: boolean;
  explanation?: string;
}

export interface Verdict {
  at?: string;
  phase: "before" | "open" | "closed";
  valid: boolean;
  wrong_academy?: boolean;
  hidden_answers?: string[];
  errors: Record<string, string>;
  pieces: RequiredPiece[];
  pole: Pole | null;
}

/** One registration, whole (GET /registrations/{id}): the brief with its answers and office. */
export interface Registration extends RegistrationBrief {
  withdrawn_at?: string;
  withdrawal_reason?: string;
  pole: Partial<Pole> & { code: string };
  contact?: Contact;
  pieces: RequiredPiece[];
  answers: Record<string, string | number | boolean>;
}
