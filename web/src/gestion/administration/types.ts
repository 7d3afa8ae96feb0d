// The administration area's payloads, as openapi.yaml and the server give them.
import type { Role } from "../staffApi";

export type StaffStatus = "invited" | "active" | "disabled";

export interface StaffUser {
  id: string;
  academy: string;
  email: string;
  display_name: string;
  roles: Role[];
  status: StaffStatus;
  created_at: string;
}

export interface Enrolment {
  totp_secret: string;
  otpauth_uri: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; name?: string };
  action: string;
  target: { type?: string; id?: string };
  reason: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  next: number | null;
}

export interface ReadyDetails {
  database: string;
  rules: { version: string; academies: number; exams: number } | null;
  script_faults: string[];
  academy_faults?: {
    academy: string;
    faults: Record<string, number>;
    last?: { kind: string; message?: string; at?: string };
    suspended: boolean;
  }[];
  pending_changes?: {
    file: string;
    state: "refused" | "held";
    since: string;
    content_hash: string;
    reasons: string[];
    serving: string;
    confirm?: string;
  }[];
}

export interface Readiness {
  ready: boolean;
  details: ReadyDetails | null;
  message?: string;
}

export interface PluginState {
  name: string;
  version?: string;
  abi?: string;
  state: "loaded" | "hung" | "refused" | "failed";
  error?: string;
  description?: string;
  provides?: string[];
  events: { last_seq: number; failed_attempts: number; last_error?: string; parked: number } | null;
}

export interface PluginsAnswer {
  host_abi: string;
  plugins: PluginState[];
}
