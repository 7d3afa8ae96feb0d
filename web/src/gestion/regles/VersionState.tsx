// A version's state said in French, as a DSFR badge (the scheduled one with its time).
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { formatDateTime } from "../../format";
import type { RuleVersion } from "./VersionTypes";

export function stateText(v: RuleVersion, timeZone: string): string {
  switch (v.state) {
    case "active":
      return "En service";
    case "staged":
      return "En attente";
    case "scheduled":
      return v.activate_at ? `Programmée le ${formatDateTime(v.activate_at, timeZone)}` : "Programmée";
    case "held":
      return "Retenue";
    case "superseded":
      return "Remplacée";
    case "discarded":
      return "Abandonnée";
  }
  return v.state;
}

const severity = {
  active: "success",
  scheduled: "info",
  staged: "new",
  held: "warning",
} as const;

export function VersionStateBadge({ version, timeZone }: { version: RuleVersion; timeZone: string }) {
  const s = severity[version.state as keyof typeof severity];
  return (
    <Badge small severity={s} noIcon={!s}>
      {stateText(version, timeZone)}
    </Badge>
  );
}

/** Who wrote the version, and how it came when not through the back office. */
export function authorText(v: RuleVersion): string {
  if (v.origin === "folder") return "le dossier des scripts";
  if (v.origin === "cli") return `${v.author.name} (ligne de commande)`;
  return v.author.name;
}
