// Activate a version now or at a date and time in the académie's zone, or go back to an
// earlier one (a rollback is its activation). The window guard's reason is asked when the
// impact report says so, or when the server refuses with window_guard.
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { ErrorSummary } from "../../components/ErrorSummary";
import { splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { staffApi } from "../staffApi";
import { useStaffSession } from "../StaffSession";
import { parseLocalTime, serverNow } from "./ActivationTime";
import { formatDateTime } from "../../format";
import { readableReason } from "./ImpactReason";
import { zoneText } from "./VersionAcademy";
import type { RuleVersion } from "./VersionTypes";

const fields: FieldSpec[] = [
  { name: "at_date", id: "activation-date", label: "Date" },
  { name: "at_time", id: "activation-time", label: "Heure" },
  { name: "confirm_reason", id: "activation-reason", label: "Motif" },
];

const guardMessage =
  "Cette version modifie une session ouverte : indiquez un motif après avoir lu l'analyse d'impact, qui liste les candidats à prévenir.";

export function ActivationForm({
  version,
  guardRequired,
  approvalRequired,
  timeZone,
  onDone,
}: {
  version: RuleVersion;
  guardRequired: boolean;
  /** The académie requires a second person's approval. */
  approvalRequired: boolean;
  timeZone: string;
  onDone: (v: RuleVersion, scheduled: boolean) => void;
}) {
  const { me } = useStaffSession();
  const rollback = version.state === "superseded";
  // The server lets neither an unapproved version go live nor its approver activate it.
  const approvedByMe = !!version.approved_by && version.approved_by === me?.id;
  const waiting = approvalRequired && (!version.approved_by || approvedByMe);
  const [when, setWhen] = useState<"now" | "later">("now");
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [reason, setReason] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string | undefined>();
  const [guardReasons, setGuardReasons] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const askReason = guardRequired || guardReasons.length > 0;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const found: Faults = {};
    let at: string | undefined;
    if (when === "later") {
      if (!date.trim()) found.at_date = "Indiquez la date de l'activation.";
      if (!time.trim()) found.at_time = "Indiquez l'heure de l'activation.";
      if (!found.at_date && !found.at_time) {
        const parsed = parseLocalTime(date, time, timeZone);
        if (!parsed.ok) found[parsed.field === "date" ? "at_date" : "at_time"] = parsed.message;
        else {
          // A past time would activate at once: said rather than done.
          const now = await serverNow();
          if (now !== null && parsed.ms <= now)
            found.at_time = `Ce moment est passé : choisissez une date et une heure à venir (il est ${formatDateTime(new Date(now).toISOString(), timeZone)}).`;
          else at = parsed.iso;
        }
      }
    }
    if (askReason && !reason.trim())
      found.confirm_reason = "Indiquez le motif : le garde-fou des fenêtres le demande pour cette version.";
    setFaults(found);
    setMessage(undefined);
    if (Object.keys(found).length > 0) return;

    setBusy(true);
    const body: { at?: string; confirm_reason?: string } = {};
    if (at) body.at = at;
    if (reason.trim()) body.confirm_reason = reason.trim();
    const r = await staffApi.post<RuleVersion>(`/api/v1/admin/rules/versions/${version.number}/activate`, body);
    setBusy(false);
    if (r.ok) {
      onDone(r.data, r.data.state === "scheduled");
      return;
    }
    if (r.error.code === "approval_required" && approvedByMe) {
      setFaults({});
      setMessage("Vous avez approuvé cette version : son activation revient à une autre personne que vous, son auteur par exemple.");
      return;
    }
    if (r.error.code === "window_guard") {
      setGuardReasons([...new Set(Object.values(r.error.fields).map((f) => readableReason(f, timeZone)))]);
      setFaults({ confirm_reason: "Indiquez le motif : le garde-fou des fenêtres le demande pour cette version." });
      setMessage(guardMessage);
      return;
    }
    const split = splitApiError(
      { ...r.error, fields: Object.fromEntries(Object.entries(r.error.fields).map(([k, v]) => [k === "at" ? "at_date" : k, v])) },
      fields,
    );
    setFaults(split.faults);
    setMessage(split.message);
  }

  const action =
    when === "now"
      ? rollback
        ? "Revenir à cette version"
        : "Activer maintenant"
      : rollback
        ? "Programmer le retour à cette version"
        : "Programmer";

  return (
    <section aria-labelledby="activation-title" id="activation" className="fr-mb-6w">
      <h2 id="activation-title">{rollback ? "Revenir à cette version" : "Activer cette version"}</h2>
      {rollback && (
        <p>
          Revenir à une version antérieure, c'est l'activer de nouveau : elle remplace la version en service, avec la même
          analyse d'impact et le même garde-fou.
        </p>
      )}
      {waiting && (
        <p className="fr-text--sm">
          {approvedByMe
            ? "Vous avez approuvé cette version : son activation revient à une autre personne que vous, son auteur par exemple."
            : "Votre académie exige l'approbation d'une seconde personne : tant qu'elle manque, l'activation sera refusée."}
        </p>
      )}
      <ErrorSummary
        title={rollback ? "Le retour à cette version n'est pas fait" : "L'activation n'est pas faite"}
        faults={summaryOf(faults, fields)}
        message={message}
      />
      {guardReasons.length > 0 && (
        <div className="fr-callout fr-mb-4w">
          <h3 className="fr-callout__title">Ce que le garde-fou a relevé</h3>
          <ul className="fr-callout__text">
            {guardReasons.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <RadioButtons
          legend="Quand ?"
          name="activation-when"
          options={[
            {
              label: "Maintenant",
              nativeInputProps: { value: "now", checked: when === "now", onChange: () => setWhen("now") },
            },
            {
              label: "À une date et une heure",
              hintText: `En ${zoneText(timeZone)}.`,
              nativeInputProps: { value: "later", checked: when === "later", onChange: () => setWhen("later") },
            },
          ]}
        />
        {when === "later" && (
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-sm-6">
              <Input
                label="Date"
                hintText="Au format JJ/MM/AAAA, par exemple 08/11/2024."
                {...stateOf(faults, "at_date")}
                nativeInputProps={{
                  id: "activation-date",
                  name: "at_date",
                  inputMode: "numeric",
                  autoComplete: "off",
                  value: date,
                  onChange: (e) => setDate(e.currentTarget.value),
                }}
              />
            </div>
            <div className="fr-col-12 fr-col-sm-6">
              <Input
                label="Heure"
                hintText={`Au format HH:MM, en ${zoneText(timeZone)}, par exemple 14:30.`}
                {...stateOf(faults, "at_time")}
                nativeInputProps={{
                  id: "activation-time",
                  name: "at_time",
                  autoComplete: "off",
                  value: time,
                  onChange: (e) => setTime(e.currentTarget.value),
                }}
              />
            </div>
          </div>
        )}
        {askReason && (
          <Input
            label="Motif"
            hintText="Le garde-fou des fenêtres demande un motif : il est enregistré au journal avec l'activation (1 000 caractères au plus)."
            textArea
            {...stateOf(faults, "confirm_reason")}
            nativeTextAreaProps={{
              id: "activation-reason",
              name: "confirm_reason",
              required: true,
              maxLength: 1000,
              value: reason,
              onChange: (e) => setReason(e.currentTarget.value),
            }}
          />
        )}
        <Button type="submit" disabled={busy}>
          {action}
        </Button>
      </form>
    </section>
  );
}
