// « Me connecter »: email and password; `?retour=/path` comes back there once logged in,
// `?deconnecte=1` and `?mot-de-passe=modifie` say why the person is here.
import { useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { required, retryText, safeReturn, splitApiError, summaryOf, type Faults, type FieldSpec } from "./formFaults";
import { EmailField } from "./EmailField";
import { PasswordField } from "./PasswordField";

const fields: FieldSpec[] = [
  { name: "email", id: "email", label: "Adresse mail" },
  { name: "password", id: "mot-de-passe", label: "Mot de passe" },
];

export function Login() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { login } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  const failed = summary.length > 0 || !!message;
  usePageTitle(failed ? "Erreur – Me connecter" : "Me connecter");

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const local: Faults = {};
    if (!email.trim()) local.email = required;
    if (!password) local.password = required;
    if (Object.keys(local).length) {
      setFaults(local);
      setMessage(undefined);
      return;
    }
    setSending(true);
    const r = await login(email.trim(), password);
    if (r.ok) {
      navigate(safeReturn(params.get("retour")), { replace: true });
      return;
    }
    setSending(false);
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message ? split.message + (r.error.status === 429 ? retryText(r.error.retryAfter) : "") : undefined);
  }

  return (
    <>
      <h1>Me connecter</h1>
      {params.get("deconnecte") === "1" && !failed && (
        <Alert severity="success" small className="fr-mb-4w" description="Vous êtes déconnecté." />
      )}
      {params.get("mot-de-passe") === "modifie" && !failed && (
        <Alert
          severity="success"
          small
          className="fr-mb-4w"
          description="Votre mot de passe a été modifié. Connectez-vous avec votre nouveau mot de passe."
        />
      )}
      <ErrorSummary key={attempt.current} title="Connexion impossible" faults={summary} message={message} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <p>
            Pour vous connecter à votre compte, saisissez votre adresse mail et votre mot de passe, puis cliquez sur{" "}
            <strong>Se connecter</strong>.
          </p>
          <form onSubmit={submit} noValidate>
            <EmailField hint="Format attendu : nom@domaine.fr" faults={faults} value={email} onChange={setEmail} autoComplete="username" />
            <PasswordField
              id="mot-de-passe"
              label="Mot de passe"
              value={password}
              onChange={setPassword}
              fault={faults.password}
              autoComplete="current-password"
            />
            <p className="fr-mt-2w">
              <Link className="fr-link" to="/mot-de-passe-oublie">
                Mot de passe oublié, réinitialisation du mot de passe
              </Link>
            </p>
            <Button type="submit" disabled={sending}>
              Se connecter
            </Button>
          </form>
          <hr className="fr-mt-4w" />
          <h2 className="fr-h5">Vous n'avez pas de compte ?</h2>
          <p>La création d'un compte est nécessaire pour pouvoir vous inscrire.</p>
          <Link className="fr-btn fr-btn--secondary" to="/creer-mon-compte">
            Je n'ai pas de compte
          </Link>
        </div>
      </div>
    </>
  );
}
