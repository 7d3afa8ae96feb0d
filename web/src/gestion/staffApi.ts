// The back office's client: the guichet_staff cookie (HttpOnly, scoped to /api/v1/admin), the
// CSRF token in memory, asked again from /api/v1/admin/auth/csrf after a reload.
import { createClient } from "../api/client";

export const staffApi = createClient("/api/v1/admin/auth/csrf");

export type Role = "manager" | "rules_editor" | "auditor" | "admin";

export const roleLabels: Record<Role, string> = {
  manager: "Gestionnaire",
  rules_editor: "Rédacteur des règles",
  auditor: "Auditeur",
  admin: "Administrateur",
};

export interface StaffMe {
  id: string;
  display_name: string;
  academy: string;
  roles: Role[];
  idle_timeout_seconds: number;
  /** The académie as its script names it (« Académie de Poitiers »). */
  academy_name?: string;
}

/** The académie as its script names it (« Académie de Poitiers »), else its code. */
export function academyName(me: Pick<StaffMe, "academy" | "academy_name">): string {
  return me.academy_name || `Académie ${me.academy}`;
}

export interface StaffLoginAnswer {
  token: string;
  csrf_token: string;
  expires_at: string;
  idle_timeout_seconds: number;
  user: { id: string; academy: string; email: string; display_name: string; roles: Role[]; status: string };
  device_token: string;
}
