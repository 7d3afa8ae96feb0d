// Staff accounts said in French.
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
