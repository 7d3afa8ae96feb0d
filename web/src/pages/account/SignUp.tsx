// « Créer mon compte »: every field of POST /api/v1/accounts, all faults at once (beside each
// field and summarised at the top), then the page saying where the activation mail went.
import { useMemo, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../../api/client";
import type { AccountCreated } from "../../api/types";
import { ErrorSummary } from "../../components/ErrorSummary";
import { usePageTitle } from "../../usePageTitle";
import { passwordRule, required, splitApiError, summaryOf, type Faults, type FieldSpec } from "./formFaults";
import { EmailField } from "./EmailField";
import { dateFault, emptyIdentity, identityFields, toIsoDate, type Identity } from "./identity";
import { IdentityInputs } from "./IdentityInputs";
import { PasswordField } from "./PasswordField";
import { EmailTakenHelp } from "./EmailTakenHelp";
import { SignUpDone } from "./SignUpDone";

const fields: FieldSpec[] = [
  { name: "email", id: "email", label: "Adresse mail" },
  { name: "password", id: "mot-de-passe", label: "Mot de passe" },
  { name: "password_confirmation", id: "confirmation", label: "Confirmation du mot de passe" },
  ...identityFields,
];

export function SignUp() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [identity, setIdentity] = useState<Identity>(emptyIdentity);
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [taken, setTaken] = useState(false);
  const [sending, setSending] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const attempt = useRef(0);
  // Memoised: a new list on every keystroke would take the focus back to the summary.
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  usePageTitle(created ? "Activez votre compte" : Object.keys(faults).length || message ? "Erreur – Créer mon compte" : "Créer mon compte");

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const local: Faults = {};
    if (!confirmation) local.password_confirmation = required;
    else if (confirmation !== password)
      local.password_confirmation = "La confirmation ne correspond pas au mot de passe saisi.";
    // Unless both passwords agree, nothing is sent (the API would create an account with a
    // password the person did not mean): the page says what else it sees on its own.
    if (confirmation !== password) {
      if (!email.trim()) local.email = required;
      if (!password) local.password = required;
      if (identity.birth_date.trim() && !toIsoDate(identity.birth_date)) local.birth_date = dateFault;
      for (const f of identityFields) if (f.name !== "phone" && !identity[f.name].trim()) local[f.name] = required;
      return show(local);
    }
    // A date the page cannot read goes as typed: the API refuses it too, so nothing is created,
    // and its other faults still come back with this one.
    const birthDate = identity.birth_date.trim();
    const iso = toIsoDate(birthDate);
    if (birthDate && !iso) local.birth_date = dateFault;
    setSending(true);
    const body: Record<string, string> = { email: email.trim(), password, ...identity, birth_date: iso ?? birthDate };
    if (!identity.phone.trim()) delete body.phone;
    const r = await api.post<AccountCreated>("/api/v1/accounts", body);
    setSending(false);
    if (r.ok) {
      setCreated(r.data.email);
      return;
    }
    if (r.error.code === "email_taken") {
      setTaken(true);
      return show({ ...local, email: r.error.message });
    }
    const split = splitApiError(r.error, fields);
    show({ ...split.faults, ...local }, r.error.code === "validation_failed" ? undefined : split.message);
  }

  function show(next: Faults, text?: string) {
    if (!next.email) setTaken(false);
    setFaults(next);
    setMessage(text);
  }

  if (created) return <SignUpDone email={created} />;

  return (
    <>
      <h1>Créer mon compte</h1>
      <p className="fr-text--lead">
        La création d'un compte utilisateur est nécessaire pour pouvoir vous inscrire.
      </p>
      <p>
        Renseignez les informations obligatoires en indiquant une adresse mail valide et unique. Elle servira à vous
        connecter à votre espace candidat, et vous recevrez les messages et notifications de l'espace candidat sur
        cette adresse mail.
      </p>
      <p>
        Conservez bien votre mot de passe pour pouvoir vous connecter tout le long de la session et accéder aux
        documents mis à votre disposition dans votre espace candidat.
      </p>
      <Alert
        severity="info"
        small
        className="fr-mb-4w"
        description="Suite à la création de votre compte, vous allez recevoir un mail : vous avez 48 h pour cliquer sur le lien « Activer mon compte », sinon votre compte sera supprimé."
      />
      {/* A new key per attempt: the summary takes the focus again even when the faults are the same. */}
      <ErrorSummary key={attempt.current} faults={summary} message={message} />
      {taken && <EmailTakenHelp />}
      <form onSubmit={submit} noValidate aria-describedby="mention-obligatoire">
        <p id="mention-obligatoire" className="fr-hint-text fr-mb-3w">
          Sauf mention contraire, tous les champs sont obligatoires.
        </p>
        <fieldset className="fr-fieldset" aria-labelledby="legende-connexion">
          <legend id="legende-connexion" className="fr-fieldset__legend">
            Vos identifiants de connexion
          </legend>
          <div className="fr-fieldset__element">
            <EmailField hint="Format attendu : nom@domaine.fr. Elle deviendra votre identifiant." faults={faults} value={email} onChange={setEmail} />
          </div>
          <div className="fr-fieldset__element">
            <PasswordField
              id="mot-de-passe"
              label="Mot de passe"
              hint={passwordRule}
              value={password}
              onChange={setPassword}
              fault={faults.password}
              autoComplete="new-password"
            />
          </div>
          <div className="fr-fieldset__element">
            <PasswordField
              id="confirmation"
              label="Confirmation du mot de passe"
              hint="Saisissez à nouveau le même mot de passe."
              value={confirmation}
              onChange={setConfirmation}
              fault={faults.password_confirmation}
              autoComplete="new-password"
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset" aria-labelledby="legende-identite">
          <legend id="legende-identite" className="fr-fieldset__legend">
            Votre identité
            <span className="fr-hint-text">
              Ces informations seront reportées sur vos inscriptions. Elles ne seront plus modifiables par vous-même
              après votre première inscription.
            </span>
          </legend>
          <div className="fr-fieldset__element">
            <IdentityInputs value={identity} onChange={setIdentity} faults={faults} />
          </div>
        </fieldset>
        <Button type="submit" disabled={sending}>
          Créer mon compte
        </Button>
      </form>
      <p className="fr-mt-4w">
        Vous avez déjà un compte ? <Link to="/connexion">Me connecter</Link>
      </p>
    </>
  );
}
