// The pilotage API's answers (GET /api/v1/admin/dashboard, /reminders, …/reminder; POST
// /reminders), as the contract of issue 18 gives them.

export interface Counted {
  code: string;
  label: string;
  count: number;
}

export interface DayCount {
  /** Days since the opening of the exam's window (day 0 = opening day, académie's zone). */
  day: number;
  /** The académie's calendar day ("2024-10-10"). */
  date: string;
  count: number;
  cumulative: number;
}

export interface SessionChoice {
  session: string;
  exams: { code: string; name: string }[];
}

export interface ExamWindow {
  exam: string;
  exam_name: string;
  opens_at: string;
  closes_at: string;
  final_mode: string;
  pieces_deadline: string | null;
}

export type PiecesState = "none" | "incomplete" | "complete" | "confirmed" | "refused" | "unknown";

export interface Dashboard {
  academy: string;
  academy_name: string;
  session: string;
  exam: string | null;
  as_of: string;
  timezone: string;
  choices: SessionChoice[];
  windows: ExamWindow[];
  registrations: {
    total: number;
    withdrawn: number;
    per_day: DayCount[];
    previous: { session: string; per_day: DayCount[] } | null;
    by_exam: Counted[];
    by_speciality: Counted[];
    by_office: Counted[];
    by_mode: Counted[];
  };
  pieces: { state: PiecesState; label: string; count: number }[];
  review_queue: { count: number; oldest_uploaded_at: string | null };
  mails: { queued: number; sent: number; failed: number };
}

export interface ReminderCandidate {
  registration_id: string;
  registration_number: string;
  exam: string;
  exam_name: string;
  last_name: string;
  first_name: string;
  pieces_state: PiecesState;
  missing: string[];
  deadline: string;
  last_reminded_at: string | null;
  reminded_today: boolean;
}

export interface Reminders {
  within_days: number;
  as_of: string;
  candidates: ReminderCandidate[];
}

export interface ReminderPreview {
  to: string;
  subject: string;
  text: string;
}

export type SkipReason = "already_today" | "nothing_missing" | "not_found" | "not_upload";

export interface ReminderReport {
  sent: number;
  skipped: { registration_id: string; reason: SkipReason | string }[];
}
