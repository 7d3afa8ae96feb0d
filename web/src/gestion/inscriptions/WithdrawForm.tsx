// Désinscrire: a required reason, then an inline confirmation; the API withdraws (a new
// version, a mail to the candidate) and the page shows the withdrawn status.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { required, splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { staffApi } from "../staffApi";

const fields: FieldSpec[] = [{ name: "reason", id: "desinscription-motif", label: "Motif de la désinscription" }];

export function WithdrawForm({ id, candidateName, onDone }: { id: string; candidateName: string; onDone: (message: string) => void }) {
  const [reason, setReason] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (confirming) confirmBox.current?.focus();
  }, [confirming]);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setMessage(undefined);
    if (!reason.trim()) {
      setFaults({ reason: required });
      return;
    }
    setFaults({});
    setConfirming(true);
  };

  const confirm = async () => {
    setBusy(true);
    const r = await staffApi.post(`/api/v1/admin/registrations/${encodeURIComponent(id)}/withdraw`, { reason: reason.trim() });
    setBusy(false);
    setConfirming(false);
    if (r.ok) {
      onDone("L'inscription est désinscrite. Le candidat en est informé par courriel.");
      return;
    }
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message);
  };

  return (
    <form onSubmit={ask} noValidate aria-labelledby="desinscrire-titre">
      <h3 id="desinscrire-titre" className="fr-h5">
        Désinscrire
      </h3>
      <ErrorSummary title="La désinscription n'a pas été faite" faults={summaryOf(faults, fields)} message={message} />
      <p>Le candidat reçoit un courriel avec le motif. L'inscription est conservée, en lecture seule.</p>
      <Input
        textArea
        label="Motif de la désinscription"
        hintText="Obligatoire. Il figure dans l'historique et dans le courriel au candidat."
        nativeTextAreaProps={{ id: "desinscription-motif", value: reason, onChange: (e) => setReason(e.target.value), rows: 3 }}
        {...stateOf(faults, "reason")}
      />
      {!confirming ? (
        <Button type="submit" priority="secondary">
          Désinscrire
        </Button>
      ) : (
        <div className="fr-alert fr-alert--warning fr-mb-2w" role="alertdialog" aria-labelledby="desinscrire-confirmation" tabIndex={-1} ref={confirmBox}>
          <h4 id="desinscrire-confirmation" className="fr-alert__title">
            Confirmez-vous la désinscription de {candidateName} ?
          </h4>
          <p>Motif : {reason.trim()}</p>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
            <li>
              <Button type="button" onClick={() => void confirm()} disabled={busy}>
                Confirmer la désinscription
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setConfirming(false)}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}
    </form>
  );
}
