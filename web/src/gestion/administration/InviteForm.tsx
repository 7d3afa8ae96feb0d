// Inviting a colleague of the académie: name, professional mail, roles. The server mails a
// single-use link valid 72 h that opens /gestion/activation.
import { useMemo, useRef, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { ErrorSummary } from "../../components/ErrorSummary";
import { required, splitApiError, stateOf, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { staffApi, type Role } from "../staffApi";
import { RolesField, rolesFieldId } from "./RolesField";
import type { StaffUser } from "./types";

const fields: FieldSpec[] = [
  { name: "display_name", id: "invite-nom", label: "Nom et prénom" },
  { name: "email", id: "invite-mail", label: "Adresse mail professionnelle" },
  { name: "roles", id: rolesFieldId("invite"), label: "Rôles" },
];

export function InviteForm({ onInvited }: { onInvited: (u: StaffUser) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const local: Faults = {};
    if (!name.trim()) local.display_name = required;
    if (!email.trim()) local.email = required;
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      local.email = "Saisissez une adresse mail complète, par exemple prenom.nom@ac-academie.fr.";
    if (roles.length === 0) local.roles = "Cochez au moins un rôle.";
    if (Object.keys(local).length) {
      setFaults(local);
      setMessage(undefined);
      return;
    }
    setSending(true);
    const r = await staffApi.post<StaffUser>("/api/v1/admin/users", {
      display_name: name.trim(),
      email: email.trim(),
      roles,
    });
    setSending(false);
    if (r.ok) {
      setName("");
      setEmail("");
      setRoles([]);
      setFaults({});
      setMessage(undefined);
      onInvited(r.data);
      return;
    }
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="inviter-titre">
      <h2 id="inviter-titre">Inviter une personne</h2>
      <p>
        Elle recevra un lien, valable 72 heures, pour choisir son mot de passe et relier son compte à une application
        d'authentification. Tous les champs sont obligatoires.
      </p>
      <ErrorSummary key={attempt.current} title="L'invitation n'est pas partie" faults={summary} message={message} />
      <Input
        label="Nom et prénom"
        hintText="Tel qu'il apparaîtra dans le journal"
        {...stateOf(faults, "display_name")}
        nativeInputProps={{ id: "invite-nom", autoComplete: "off", value: name, onChange: (e) => setName(e.target.value) }}
      />
      <Input
        label="Adresse mail professionnelle"
        hintText="Format attendu : prenom.nom@ac-academie.fr"
        {...stateOf(faults, "email")}
        nativeInputProps={{
          id: "invite-mail",
          type: "email",
          autoComplete: "off",
          spellCheck: false,
          value: email,
          onChange: (e) => setEmail(e.target.value),
        }}
      />
      <RolesField prefix="invite" value={roles} onChange={setRoles} fault={faults.roles} />
      <Button type="submit" disabled={sending} iconId="fr-icon-mail-line">
        Envoyer l'invitation
      </Button>
    </form>
  );
}
