// Refusing a piece, inline under the piece: a reason from the list or written, checked before
// sending; the API's refusal (reason missing or too long) lands on the same fields.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { ErrorSummary } from "../../components/ErrorSummary";
import { splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import type { ApiError } from "../../api/client";
import { otherReason, reasonTitles, refusalReasons } from "./refusalReasons";

const fields: FieldSpec[] = [
  { name: "choice", id: "motif-choix", label: "Motif du refus" },
  { name: "reason", id: "motif-texte", label: "Motif écrit" },
];

interface Props {
  pieceLabel: string;
  busy: boolean;
  onRefuse: (reason: string) => Promise<ApiError | null>;
  onCancel: () => void;
}

export function RefuseForm({ pieceLabel, busy, onRefuse, onCancel }: Props) {
  const [choice, setChoice] = useState("");
  const [text, setText] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string | undefined>();
  const select = useRef<HTMLSelectElement>(null);

  // Opened by the button or the R key: the person goes on from the list.
  useEffect(() => select.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mine: Faults = {};
    if (!choice) mine.choice = "Choisissez un motif dans la liste.";
    else if (choice === otherReason && !text.trim()) mine.reason = "Écrivez le motif que le candidat lira.";
    setMessage(undefined);
    setFaults(mine);
    if (Object.keys(mine).length) return;
    const error = await onRefuse(choice === otherReason ? text.trim() : choice);
    if (error) {
      const split = splitApiError(error, fields);
      // The API speaks of « reason »: with a reason from the list, that is the list's fault.
      if (split.faults.reason && choice !== otherReason) {
        split.faults.choice = split.faults.reason;
        delete split.faults.reason;
      }
      setFaults(split.faults);
      setMessage(split.message);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="fr-mt-2w" aria-labelledby="refus-titre">
      <h4 id="refus-titre" className="fr-h6">
        Refuser « {pieceLabel} »
      </h4>
      <ErrorSummary title="Le refus n'a pas été enregistré" faults={summaryOf(faults, fields)} message={message} />
      <Select
        label="Motif du refus"
        hint="Le candidat lit ce motif sur « Mes justificatifs » et dans le mail qui le prévient."
        nativeSelectProps={{
          id: "motif-choix",
          ref: select,
          value: choice,
          required: true,
          onChange: (e) => setChoice(e.target.value),
        }}
        {...stateOf(faults, "choice")}
      >
        <option value="" disabled>
          Choisir un motif
        </option>
        {refusalReasons.map((r) => (
          <option key={r} value={r}>
            {reasonTitles[r]}
          </option>
        ))}
        <option value={otherReason}>Autre motif (à écrire)</option>
      </Select>
      {choice === otherReason && (
        <Input
          label="Motif écrit"
          hintText="Une phrase claire, en français : ce qui ne va pas et ce que le candidat doit déposer."
          textArea
          nativeTextAreaProps={{ id: "motif-texte", value: text, required: true, rows: 3, onChange: (e) => setText(e.target.value) }}
          {...stateOf(faults, "reason")}
        />
      )}
      <ul className="fr-btns-group fr-btns-group--icon-left">
        <li>
          <Button type="submit" iconId="fr-icon-close-circle-line" disabled={busy}>
            Confirmer le refus
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
