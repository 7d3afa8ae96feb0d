// « Modifier mon compte », first part: the address (the login) and the password, always
// changeable, with the current password (PATCH /api/v1/me).
import { useMemo, useRef, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../../api/client";
import type { Account } from "../../api/types";
import { ErrorSummary } from "../../components/ErrorSummary";
import { useSession } from "../../session";
import { passwordRule, splitApiError, summaryOf, type Faults, type FieldSpec } from "./formFaults";
import { EmailField } from "./EmailField";
import { PasswordField } from "./PasswordField";
import { SavedNotice } from "./SavedNotice";

const fields: FieldSpec[] = [
  { name: "email", id: "email", label: "Adresse mail" },
  { name: "password", id: "nouveau-mot-de-passe", label: "Nouveau mot de passe" },
  { name: "password_confirmation", id: "confirmation", label: "Confirmation du nouveau mot de passe" },
  { name: "current_password", id: "mot-de-passe-actuel", label: "Mot de passe actuel" },
];

export function LoginDetailsForm({ account }: { account: Account }) {
  const { refresh } = useSession();
  const [email, setEmail] = useState(account.email);
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [current, setCurrent] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [saved, setSaved] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);

  function show(next: Faults, text?: string) {
    setSaved(null);
    setFaults(next);
    setMessage(text);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const newEmail = email.trim() !== account.email ? email.trim() : undefined;
    if (!newEmail && !password && !confirmation)
      return show({}, "Vous n'avez modifié ni votre adresse mail ni votre mot de passe.");
    const local: Faults = {};
    if (!email.trim()) local.email = "Ce champ est obligatoire.";
    if (password !== confirmation)
      local.password_confirmation = confirmation
        ? "La confirmation ne correspond pas au mot de passe saisi."
        : "Saisissez à nouveau le nouveau mot de passe.";
    if (!current)
      local.current_password = "Saisissez votre mot de passe actuel pour changer d'adresse ou de mot de passe.";
    if (Object.keys(local).length) return show(local);
    setSending(true);
    const body: Record<string, string> = { current_password: current };
    if (newEmail) body.email = newEmail;
    if (password) body.password = password;
    const r = await api.patch<Account>("/api/v1/me", body);
    setSending(false);
    if (!r.ok) {
      // The address of another account: said beside the address field.
      if (r.error.code === "email_taken") return show({ email: r.error.message });
      const split = splitApiError(r.error, fields);
      return show(split.faults, split.message);
    }
    if (password) {
      // Every session ends with the old password, this one too: log in again with the new one.
      // A full load (see Layout's logout): a router navigation would lose the race against
      // RequireAccount once the session is read as gone.
      window.location.assign("/connexion?mot-de-passe=modifie");
      return;
    }
    setCurrent("");
    setEmail(r.data.email);
    setFaults({});
    setMessage(undefined);
    setSaved(r.data.email);
    await refresh();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-identifiants">
      <h2 id="titre-identifiants">Adresse mail et mot de passe</h2>
      <p>
        Vous pouvez à tout moment modifier ici votre adresse mail et votre mot de passe. La nouvelle adresse mail devient
        alors votre nouvel identifiant. Pour toute modification, saisissez votre mot de passe actuel.
      </p>
      <ErrorSummary key={attempt.current} faults={summary} message={message} />
      {saved && (
        <SavedNotice
          title="Votre adresse mail a été modifiée"
          text={`Vous vous connecterez désormais avec l'adresse ${saved}. Un mail en informe votre ancienne adresse.`}
        />
      )}
      <EmailField hint="Format attendu : nom@domaine.fr. Elle est votre identifiant de connexion." faults={faults} value={email} onChange={setEmail} />
      <PasswordField
        id="nouveau-mot-de-passe"
        label="Nouveau mot de passe (facultatif)"
        hint={`Laissez vide pour garder votre mot de passe. ${passwordRule}`}
        value={password}
        onChange={setPassword}
        fault={faults.password}
        autoComplete="new-password"
        optional
      />
      <PasswordField
        id="confirmation"
        label="Confirmation du nouveau mot de passe (facultatif)"
        hint="Saisissez à nouveau le nouveau mot de passe."
        value={confirmation}
        onChange={setConfirmation}
        fault={faults.password_confirmation}
        autoComplete="new-password"
        optional
      />
      <PasswordField
        id="mot-de-passe-actuel"
        label="Mot de passe actuel"
        hint="Obligatoire pour changer d'adresse mail ou de mot de passe."
        value={current}
        onChange={setCurrent}
        fault={faults.current_password}
        autoComplete="current-password"
      />
      <Button type="submit" className="fr-mt-2w" disabled={sending}>
        Enregistrer l'adresse et le mot de passe
      </Button>
    </form>
  );
}
