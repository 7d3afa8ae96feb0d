import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ApiError } from "../../api/client";

export function LoadError({ error, title = "Cette page ne peut pas être affichée" }: { error: ApiError; title?: string }) {
  return <Alert severity="error" title={title} description={error.message} className="fr-mb-4w" />;
}
