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
