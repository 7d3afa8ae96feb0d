// A registration's status and version, as badges (Mes inscriptions, Mon inscription).
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { statusLabels } from "./labels";

export function RegistrationBadges({ status, version, className }: { status: string; version: number; className?: string }) {
  return (
    <ul className={"fr-badges-group" + (className ? " " + className : "")}>
      <li>
        <Badge severity={status === "withdrawn" ? "warning" : "success"} noIcon>
          {statusLabels[status] ?? status}
        </Badge>
      </li>
      <li>
        <Badge noIcon>Version {version}</Badge>
      </li>
    </ul>
  );
}
