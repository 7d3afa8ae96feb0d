// /gestion/activation?token=… (the staff invitation mail's link): a password, then the second
// factor's enrolment (TotpEnrolment). An expired or used link says so and what to do.
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { PasswordField } from "../../pages/account/PasswordField";
import { required, splitApiError, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { staffApi } from "../staffApi";
import { useGestionTitle } from "../useGestionTitle";
import { DeadInvitation } from "./DeadInvitation";
import { TotpEnrolment } from "./TotpEnrolment";
import type { Enrolment } from "./types";

const fields: FieldSpec[] = [
  { name: "password", id: "mot-de-passe", label: "Mot de passe" },
  { name: "password_confirmation", id: "confirmation", label: "Confirmation du mot de passe" },
];

// The server's rule (at least 12 characters), said before typing.
const staffPasswordRule =
  "Au moins 12 caractères, sans règle de composition : une phrase de passe facile à retenir convient très bien " +
  "(par exemple quatre mots). Choisissez-en une que vous n'utilisez nulle part ailleurs.";

export function Activation() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [dead, setDead] = useState<string | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  useGestionTitle(
    !token || dead
      ? "Lien non valable – Activer mon compte"
      : enrolment
        ? "Application d'authentification – Activer mon compte"
        : summary.length || message
          ? "Erreur – Activer mon compte"
          : "Activer mon compte",
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const local: Faults = {};
    if (!password) local.password = required;
    if (!confirmation) local.password_confirmation = required;
    else if (password && confirmation !== password)
      local.password_confirmation = "La confirmation ne correspond pas au mot de passe saisi.";
    if (Object.keys(local).length) {
      setFaults(local);
      setMessage(undefined);
      return;
    }
    setSending(true);
    const r = await staffApi.post<Enrolment>("/api/v1/admin/auth/invitation", { token, password });
    setSending(false);
    if (r.ok) {
      setEnrolment(r.data);
      return;
    }
    if (r.error.code === "invalid_token" || r.error.code === "token_expired") {
      setDead(r.error.message);
      return;
    }
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message);
  }

  if (!token) return <DeadInvitation message="Ce lien d'invitation est incomplet : il ne contient pas de jeton." />;
  if (dead) return <DeadInvitation message={dead} />;
  if (enrolment) return <TotpEnrolment enrolment={enrolment} />;

  return (
    <>
      <h1>Activer mon compte de gestion</h1>
      <ErrorSummary key={attempt.current} title="Le mot de passe n'a pas été enregistré" faults={summary} message={message} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <p>
            Deux étapes : vous choisissez votre mot de passe, puis vous reliez votre compte à une application
            d'authentification sur votre téléphone. Les deux champs sont obligatoires.
          </p>
          <form onSubmit={submit} noValidate>
            <PasswordField
              id="mot-de-passe"
              label="Mot de passe"
              hint={staffPasswordRule}
              value={password}
              onChange={setPassword}
              fault={faults.password}
              autoComplete="new-password"
            />
            <PasswordField
              id="confirmation"
              label="Confirmation du mot de passe"
              hint="Saisissez à nouveau le même mot de passe."
              value={confirmation}
              onChange={setConfirmation}
              fault={faults.password_confirmation}
              autoComplete="new-password"
            />
            <Button type="submit" className="fr-mt-2w" disabled={sending}>
              Enregistrer mon mot de passe
            </Button>
          </form>
        </div>
      </div>
    </>
  );
}
