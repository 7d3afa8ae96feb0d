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

export interface Registration {
  id: string;
  academy: string;
  exam: string;
  session: string;
  registration_number: string;
  candidate_number: string;
  version: number;
  status: "registered" | "withdrawn";
  withdrawn_at?: string;
  withdrawal_reason?: string;
  pole: Partial<Pole> & { code: string };
  contact?: Contact;
  pieces: RequiredPiece[];
  answers: Record<string, string | number | boolean>;
  created_at?: string;
  updated_at?: string;
}
