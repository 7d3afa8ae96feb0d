// Staff login: address, password and the 6-digit code of the authenticator app (a code works
// once). `?retour=` comes back there; `?expire=1` and `?deconnecte=1` say why the person is here.
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { ErrorSummary } from "../../components/ErrorSummary";
import { PasswordField } from "../../pages/account/PasswordField";
import {
  required,
  retryText,
  splitApiError,
  stateOf,
  summaryOf,
  type Faults,
  type FieldSpec,
} from "../../pages/account/formFaults";
import { useStaffSession } from "../StaffSession";
import { useGestionTitle } from "../useGestionTitle";

const fields: FieldSpec[] = [
  { name: "email", id: "email", label: "Adresse mail professionnelle" },
  { name: "password", id: "mot-de-passe", label: "Mot de passe" },
  { name: "code", id: "code", label: "Code à 6 chiffres" },
];

// Only a back-office path may be a `retour` target.
function backOfficeReturn(target: string | null): string {
  return target && target.startsWith("/gestion") && !target.startsWith("//") ? target : "/gestion";
}

export function StaffLogin() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { login } = useStaffSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  const failed = summary.length > 0 || !!message;
  useGestionTitle(failed ? "Erreur – Connexion" : "Connexion");

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const local: Faults = {};
    if (!email.trim()) local.email = required;
    if (!password) local.password = required;
    const digits = code.replace(/\s/g, "");
    if (!digits) local.code = required;
    else if (!/^\d{6}$/.test(digits)) local.code = "Le code compte 6 chiffres, lus dans votre application d'authentification.";
    if (Object.keys(local).length) {
      setFaults(local);
      setMessage(undefined);
      return;
    }
    setSending(true);
    const r = await login(email.trim(), password, digits);
    if (r.ok) {
      navigate(backOfficeReturn(params.get("retour")), { replace: true });
      return;
    }
    setSending(false);
    setCode("");
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message ? split.message + (r.error.status === 429 ? retryText(r.error.retryAfter) : "") : undefined);
  }

  return (
    <>
      <h1>Connexion à la gestion des inscriptions</h1>
      {params.get("expire") === "1" && !failed && (
        <Alert
          severity="info"
          small
          className="fr-mb-4w"
          description="Votre session a été fermée après une période sans activité. Connectez-vous de nouveau."
        />
      )}
      {params.get("deconnecte") === "1" && !failed && (
        <Alert severity="success" small className="fr-mb-4w" description="Vous êtes déconnecté." />
      )}
      <ErrorSummary key={attempt.current} title="Connexion impossible" faults={summary} message={message} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <p>Réservé aux personnels des services d'examens. Tous les champs sont obligatoires.</p>
          <form onSubmit={submit} noValidate>
            <Input
              label="Adresse mail professionnelle"
              hintText="Celle de votre invitation"
              {...stateOf(faults, "email")}
              nativeInputProps={{
                id: "email",
                type: "email",
                autoComplete: "username",
                spellCheck: false,
                value: email,
                onChange: (e) => setEmail(e.target.value),
              }}
            />
            <PasswordField
              id="mot-de-passe"
              label="Mot de passe"
              value={password}
              onChange={setPassword}
              fault={faults.password}
              autoComplete="current-password"
            />
            <Input
              label="Code à 6 chiffres"
              hintText="Affiché par votre application d'authentification (il change toutes les 30 secondes)"
              {...stateOf(faults, "code")}
              nativeInputProps={{
                id: "code",
                inputMode: "numeric",
                autoComplete: "one-time-code",
                maxLength: 7,
                value: code,
                onChange: (e) => setCode(e.target.value),
              }}
            />
            <Button type="submit" disabled={sending}>
              Se connecter
            </Button>
          </form>
          <p className="fr-mt-4w fr-text--sm">
            Téléphone perdu ou mot de passe oublié : l'administrateur de votre académie peut vous envoyer une nouvelle
            invitation.
          </p>
        </div>
      </div>
    </>
  );
}
