// The roles of a staff member as checkboxes, each said with what it opens; its fault beside it.
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { roleLabels, type Role } from "../staffApi";

export const allRoles: Role[] = ["manager", "rules_editor", "auditor", "admin"];

const roleHints: Record<Role, string> = {
  manager: "Inscriptions, pièces justificatives et documents",
  rules_editor: "Règles des examens de l'académie",
  auditor: "Consultation seule, journal et état du service",
  admin: "Équipe de l'académie, journal et état du service",
};

/** The id of the first checkbox: where the error summary's link leads. */
export const rolesFieldId = (prefix: string) => `${prefix}-roles-0`; // the DSFR Fieldset names its inputs <id>-<n>

export function RolesField({
  prefix,
  value,
  onChange,
  fault,
}: {
  prefix: string;
  value: Role[];
  onChange: (roles: Role[]) => void;
  fault?: string;
}) {
  return (
    <Checkbox
      id={`${prefix}-roles`}
      legend="Rôles"
      hintText="Au moins un. Chaque rôle ouvre une partie de la gestion."
      state={fault ? "error" : "default"}
      stateRelatedMessage={fault}
      options={allRoles.map((r) => ({
        label: roleLabels[r],
        hintText: roleHints[r],
        nativeInputProps: {
          name: `${prefix}-roles`,
          value: r,
          checked: value.includes(r),
          onChange: (e) =>
            onChange(e.target.checked ? allRoles.filter((x) => x === r || value.includes(x)) : value.filter((x) => x !== r)),
        },
      }))}
    />
  );
}
