// « Mes justificatifs » of one registration: the upload session's pieces, or the postal
// session's instructions.
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { api, type ApiError } from "../../api/client";
import type { PieceSet } from "../../api/types";
import { useRegistrationContext } from "../../components/useRegistrationContext";
import { RegistrationLead } from "../../components/RegistrationLead";
import { usePageTitle } from "../../usePageTitle";
import { PostalInstructions } from "./PostalInstructions";
import { PieceSetView } from "./PieceSetView";

export function PiecesPage() {
  usePageTitle("Mes justificatifs");
  const { id = "" } = useParams();
  const { context, error } = useRegistrationContext(id);
  const [set, setSet] = useState<PieceSet | null>(null);
  const [setError, setSetError] = useState<ApiError | null>(null);
  const postal = context?.session?.final_registration.mode === "postal" || setError?.code === "postal_session";

  useEffect(() => {
    if (!context || context.session?.final_registration.mode === "postal") return;
    void api.get<PieceSet>(`/api/v1/registrations/${encodeURIComponent(id)}/pieces`).then((r) => {
      if (r.ok) setSet(r.data);
      else setSetError(r.error);
    });
  }, [context, id]);

  return (
    <>
      <h1>Mes justificatifs</h1>
      <RegistrationLead context={context} />
      {error && <Alert severity="error" title="Cette inscription ne peut pas être affichée" description={error.message} />}
      {context && postal && (
        <PostalInstructions
          session={context.session}
          message={context.session ? undefined : setError?.message}
          registrationId={id}
        />
      )}
      {setError && !postal && (
        <Alert severity="error" title="Vos pièces ne peuvent pas être affichées" description={setError.message} />
      )}
      {context && !postal && !set && !setError && <p>Chargement de vos pièces…</p>}
      {context && set && !postal && (
        <PieceSetView registrationId={id} initial={set} timeZone={context.timeZone} />
      )}
    </>
  );
}
