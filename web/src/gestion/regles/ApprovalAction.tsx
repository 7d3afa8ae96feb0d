// Approve a version: someone other than its author, where the académie requires a second
// person. The approver has the source, the diff and the impact above on the same page.
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { formatDateTime } from "../../format";
import { staffApi } from "../staffApi";
import { useStaffSession } from "../StaffSession";
import type { RuleVersion } from "./VersionTypes";

export function ApprovalAction({
  version,
  timeZone,
  onApproved,
}: {
  version: RuleVersion;
  timeZone: string;
  onApproved: (v: RuleVersion) => void;
}) {
  const { me } = useStaffSession();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function approve() {
    setBusy(true);
    setError(undefined);
    const r = await staffApi.post<RuleVersion>(`/api/v1/admin/rules/versions/${version.number}/approve`, {});
    setBusy(false);
    if (r.ok) onApproved(r.data);
    else setError(r.error.message);
  }

  let body;
  if (version.approved_by)
    body = (
      <p>
        Cette version est approuvée{version.approved_by === me?.id ? " par vous" : ""}
        {version.approved_at ? ` depuis le ${formatDateTime(version.approved_at, timeZone)}` : ""}
        {version.approved_by === me?.id ? " ; une autre personne que vous peut maintenant l'activer." : "."}
      </p>
    );
  else if (version.author.id === me?.id)
    body = <p>Vous êtes l'auteur de cette version : une autre personne, rédactrice des règles, doit l'approuver avant son activation.</p>;
  else
    body = (
      <>
        <p>
          Votre académie exige l'approbation d'une seconde personne. En approuvant, vous attestez avoir lu la source, les
          différences avec la version en service et l'analyse d'impact ci-dessus.
        </p>
        <Button onClick={approve} disabled={busy} priority="secondary">
          Approuver la version n° {version.number}
        </Button>
      </>
    );

  return (
    <section aria-labelledby="approval-title" className="fr-mb-6w">
      <h2 id="approval-title">Approbation</h2>
      <ErrorSummary title="L'approbation n'est pas enregistrée" faults={[]} message={error} />
      {body}
    </section>
  );
}
