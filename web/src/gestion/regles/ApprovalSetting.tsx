// Whether the académie requires a second person to approve each activation: said to everyone,
// changed by an admin.
import { useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { ErrorSummary } from "../../components/ErrorSummary";
import { staffApi } from "../staffApi";
import { useStaffSession } from "../StaffSession";
import type { RuleSettings } from "./VersionTypes";

export function ApprovalSetting({ settings, onSaved }: { settings: RuleSettings; onSaved: (s: RuleSettings) => void }) {
  const { hasRole } = useStaffSession();
  const [wanted, setWanted] = useState(settings.require_approval);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const done = useRef<HTMLDivElement>(null);

  const said = settings.require_approval
    ? "Votre académie exige qu'une seconde personne, autre que l'auteur, approuve chaque version avant son activation."
    : "Votre académie n'exige pas l'approbation d'une seconde personne : un rédacteur des règles peut activer seul une version.";

  if (!hasRole("admin"))
    return (
      <section aria-labelledby="approval-title" className="fr-mb-6w">
        <h2 id="approval-title">Approbation</h2>
        <p>{said}</p>
      </section>
    );

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(undefined);
    const r = await staffApi.put<RuleSettings>("/api/v1/admin/rules/settings", { require_approval: wanted });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    onSaved(r.data);
    setSaved(true);
    setTimeout(() => done.current?.focus(), 0);
  }

  return (
    <section aria-labelledby="approval-title" className="fr-mb-6w">
      <h2 id="approval-title">Approbation</h2>
      <p>{said}</p>
      <ErrorSummary title="Le réglage n'est pas enregistré" faults={[]} message={error} />
      {saved && (
        <div ref={done} tabIndex={-1}>
          <Alert severity="success" small className="fr-mb-2w" description="Le réglage est enregistré." />
        </div>
      )}
      <form onSubmit={save} noValidate>
        <Checkbox
          options={[
            {
              label: "Exiger l'approbation d'une seconde personne avant chaque activation",
              hintText: "Réservé aux administrateurs. L'approbation vient d'un rédacteur des règles autre que l'auteur.",
              nativeInputProps: {
                name: "require_approval",
                checked: wanted,
                onChange: (e) => setWanted(e.currentTarget.checked),
              },
            },
          ]}
        />
        <Button type="submit" priority="secondary" disabled={busy || wanted === settings.require_approval}>
          Enregistrer le réglage
        </Button>
      </form>
    </section>
  );
}
