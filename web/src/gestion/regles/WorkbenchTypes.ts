// The shapes the workbench reads from /api/v1/admin/rules/... (see openapi.yaml).
import type { Pole } from "../../api/types";

export interface RuleVersionBrief {
  number: number;
  state: "staged" | "scheduled" | "active" | "superseded" | "held" | "discarded";
  note?: string;
  author?: { id?: string; name?: string };
  submitted_at?: string;
}

export interface TestFile {
  path: string;
  text: string;
}

export interface RuleVersionFull extends RuleVersionBrief {
  script: string;
  tests?: TestFile[];
}

/** One fault of a script: where it is and what is wrong, in French. */
export interface Fault {
  file: string;
  line: number;
  message: string;
}

export interface CheckResult {
  passed: boolean;
  loads: boolean;
  tests_run: number;
  faults: Fault[];
}

export interface SimVerdict {
  at?: string;
  phase: "before" | "open" | "closed";
  valid: boolean;
  wrong_academy?: boolean;
  errors: Record<string, string>;
  pieces: { code: string; label: string; required: boolean; explanation?: string }[];
  pole: Pole | null;
  /** The session's dates (with the explanation), in the académie's zone with its offset. */
  dates?: Record<string, string>;
  explain?: {
    dates?: Record<string, string>;
    errors?: Record<string, string>;
    pieces?: Record<string, string>;
    pole?: string | null;
  };
}

export interface SimulateResult {
  live: SimVerdict | null;
  draft: SimVerdict | null;
  draft_faults: Fault[];
  live_faults?: Fault[];
}
