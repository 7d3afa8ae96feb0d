// Staff accounts said in French.
import { roleLabels, type Role } from "../staffApi";
import type { StaffStatus } from "./types";

export const statusLabels: Record<StaffStatus, string> = {
  invited: "Invitation envoyée",
  active: "Actif",
  disabled: "Désactivé",
};

export const statusSeverity: Record<StaffStatus, "info" | "success" | "error"> = {
  invited: "info",
  active: "success",
  disabled: "error",
};

const roleOrder: Role[] = ["manager", "rules_editor", "auditor", "admin"];

/** Roles in words, always in the same order (the server sorts them by code). */
export function rolesText(roles: readonly string[]): string {
  const known = roleOrder.filter((r) => roles.includes(r));
  const others = roles.filter((r) => !roleOrder.includes(r as Role));
  return [...known.map((r) => roleLabels[r]), ...others].join(", ");
}
