// The manager's actions on a registration, one open at a time: withdraw, correct the identity,
// grant a derogation (only once the session has closed).
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { formatDateTime } from "../../format";
import { WithdrawForm } from "./WithdrawForm";
import { IdentityForm } from "./IdentityForm";
import { DerogationForm } from "./DerogationForm";
import type { OfficeRegistrationDetail } from "./types";

type Open = "withdraw" | "identity" | "derogation" | null;

export function Actions({
  reg,
  closed,
  closesAt,
  timeZone,
  candidateName,
  onDone,
}: {
  reg: OfficeRegistrationDetail;
  closed: boolean;
  closesAt?: string;
  timeZone: string;
  candidateName: string;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const toggle = (which: Exclude<Open, null>) => () => setOpen((o) => (o === which ? null : which));
  const finish = (message: string) => {
    setOpen(null);
    onDone(message);
  };
  const entries: { key: Exclude<Open, null>; label: string; show: boolean }[] = [
    { key: "withdraw", label: "Désinscrire", show: true },
    { key: "identity", label: "Corriger l'identité", show: true },
    { key: "derogation", label: "Accorder une dérogation", show: closed },
  ];
  return (
    <section aria-labelledby="actions-titre" className="fr-mb-6w">
      <h2 id="actions-titre">Actions du bureau des examens</h2>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {entries
          .filter((e) => e.show)
          .map((e) => (
            <li key={e.key}>
              <Button
                type="button"
                priority={open === e.key ? "primary" : "secondary"}
                aria-expanded={open === e.key}
                aria-controls={`action-${e.key}`}
                onClick={toggle(e.key)}
              >
                {e.label}
              </Button>
            </li>
          ))}
      </ul>
      {!closed && closesAt && (
        <p className="fr-text--sm">
          Une dérogation s'accorde après la clôture du service d'inscription, le {formatDateTime(closesAt, timeZone)}.
        </p>
      )}
      <div id="action-withdraw" hidden={open !== "withdraw"}>
        {open === "withdraw" && <WithdrawForm id={reg.id} candidateName={candidateName} onDone={finish} />}
      </div>
      <div id="action-identity" hidden={open !== "identity"}>
        {open === "identity" && <IdentityForm id={reg.id} candidate={reg.candidate} onDone={finish} />}
      </div>
      {closed && (
        <div id="action-derogation" hidden={open !== "derogation"}>
          {open === "derogation" && (
            <DerogationForm email={reg.candidate.email} exam={reg.exam} session={reg.session} timeZone={timeZone} onDone={finish} />
          )}
        </div>
      )}
    </section>
  );
}
