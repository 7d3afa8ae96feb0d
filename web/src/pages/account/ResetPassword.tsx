// The reset page the mail's link opens (/reinitialisation?token=...): a new password and its
// confirmation, then « Me connecter ».
import { useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api, type ApiError } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { usePageTitle } from "../../usePageTitle";
import { passwordRule, required, splitApiError, summaryOf, type Faults, type FieldSpec } from "./formFaults";
import { PasswordField } from "./PasswordField";
import { useFocusOnMount } from "./useFocusOnMount";

const fields: FieldSpec[] = [
  { name: "password", id: "mot-de-passe", label: "Nouveau mot de passe" },
  { name: "password_confirmation", id: "confirmation", label: "Confirmation du nouveau mot de passe" },
];

export function ResetPassword() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [dead, setDead] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  usePageTitle(
    !token || dead
      ? "Lien non valable – Nouveau mot de passe"
      : summary.length || message
        ? "Erreur – Nouveau mot de passe"
        : "Nouveau mot de passe",
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const local: Faults = {};
    if (!password) local.password = required;
    if (!confirmation) local.password_confirmation = required;
    else if (confirmation !== password)
      local.password_confirmation = "La confirmation ne correspond pas au mot de passe saisi.";
    if (Object.keys(local).length) {
      setFaults(local);
      setMessage(undefined);
      return;
    }
    setSending(true);
    const r = await api.post("/api/v1/auth/password-reset/confirm", { token, password });
    setSending(false);
    if (r.ok) {
      navigate("/connexion?mot-de-passe=modifie");
      return;
    }
    if (r.error.code === "token_expired" || r.error.code === "invalid_token") {
      setDead(r.error);
      return;
    }
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message);
  }

  if (!token)
    return (
      <DeadLink
        error={{
          status: 400,
          code: "invalid_token",
          message: "Ce lien de réinitialisation n'est pas valide ou a déjà servi.",
          fields: {},
        }}
      />
    );
  if (dead) return <DeadLink error={dead} />;

  return (
    <>
      <h1>Choisir un nouveau mot de passe</h1>
      <ErrorSummary key={attempt.current} faults={summary} message={message} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <p>Saisissez votre nouveau mot de passe deux fois. Vous pourrez ensuite vous connecter avec lui.</p>
          <form onSubmit={submit} noValidate>
            <PasswordField
              id="mot-de-passe"
              label="Nouveau mot de passe"
              hint={passwordRule}
              value={password}
              onChange={setPassword}
              fault={faults.password}
              autoComplete="new-password"
            />
            <PasswordField
              id="confirmation"
              label="Confirmation du nouveau mot de passe"
              hint="Saisissez à nouveau le même mot de passe."
              value={confirmation}
              onChange={setConfirmation}
              fault={faults.password_confirmation}
              autoComplete="new-password"
            />
            <Button type="submit" className="fr-mt-2w" disabled={sending}>
              Enregistrer le nouveau mot de passe
            </Button>
          </form>
        </div>
      </div>
    </>
  );
}

function DeadLink({ error }: { error: ApiError }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Ce lien ne permet plus de changer le mot de passe
      </h1>
      <div className="fr-alert fr-alert--error fr-mb-4w">
        <p>{error.message}</p>
      </div>
      <p>
        Un lien de réinitialisation ne sert qu'une fois et pour peu de temps. Faites une nouvelle demande : vous
        recevrez un nouveau lien par mail.
      </p>
      <Link className="fr-btn" to="/mot-de-passe-oublie">
        Faire une nouvelle demande
      </Link>
    </>
  );
}
