// The rules lifecycle's answers (openapi.yaml: RuleVersion, RuleSettings, the impact report).

export type VersionState = "staged" | "scheduled" | "active" | "superseded" | "held" | "discarded";

export interface RuleVersion {
  number: number;
  academy: string;
  origin: "folder" | "api" | "cli";
  author: { id: string; name: string };
  submitted_at: string;
  content_hash: string;
  note: string;
  state: VersionState;
  activate_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  activated_by: string | null;
  activated_at: string | null;
  confirm_reason: string;
  script?: string;
}

export interface RuleSettings {
  academy: string;
  require_approval: boolean;
}

export interface InvalidRegistration {
  id: string;
  registration_number: string;
  exam: string;
  session: string;
  errors: Record<string, string>;
}

export interface PieceChange {
  id: string;
  registration_number: string;
  added: string[];
  removed: string[];
}

export interface OfficeChange {
  id: string;
  registration_number: string;
  from: string;
  to: string;
}

export type WindowChange =
  | { exam: string; session: string; change: "removed"; open_now: boolean }
  | { exam: string; session: string; change: "added"; opens: string; closes: string }
  | {
      exam: string;
      session: string;
      change: "opens" | "closes" | "edits_close";
      from: string;
      to: string;
      open_now: boolean;
      closes_earlier_while_open: boolean;
    };

export interface CandidateToNotify {
  id?: string;
  registration_number: string;
  email: string;
  last_name: string;
  first_name: string;
}

export interface ImpactReport {
  academy: string;
  version: number;
  registrations_checked: number;
  validity: { count: number; registrations: InvalidRegistration[] };
  pieces: { count: number; registrations: PieceChange[] };
  offices: { count: number; registrations: OfficeChange[] };
  windows: WindowChange[];
  guard: { required: boolean; reasons: string[]; notify: CandidateToNotify[] };
}

/** The public académie: its zone and its offices' names. */
export interface AcademyInfo {
  code: string;
  name: string;
  timezone: string;
  poles: { code: string; name: string }[];
}
