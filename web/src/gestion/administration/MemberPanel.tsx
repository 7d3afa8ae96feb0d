// One colleague's account: change the roles, disable or enable it, or send a new invitation when
// the phone or the password is lost. Disabling and the new invitation ask for confirmation in
// place; the API's refusals (an admin removing their own admin role) are said beside the field.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { splitApiError, summaryOf, type Faults, type FieldSpec } from "../../pages/account/formFaults";
import { staffApi, type Role } from "../staffApi";
import { useStaffSession } from "../StaffSession";
import { RolesField, rolesFieldId } from "./RolesField";
import { statusLabels } from "./staffLabels";
import type { StaffUser } from "./types";

const fields: FieldSpec[] = [{ name: "roles", id: rolesFieldId("membre"), label: "Rôles" }];

type Confirming = "disable" | "reset" | null;

export function MemberPanel({
  member,
  onChanged,
  onClose,
}: {
  member: StaffUser;
  onChanged: (u: StaffUser, said: string) => void;
  onClose: () => void;
}) {
  const { me, refresh } = useStaffSession();
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  const self = me?.id === member.id;

  useEffect(() => {
    setRoles(member.roles);
    setFaults({});
    setMessage(undefined);
    setConfirming(null);
    heading.current?.focus();
  }, [member.id]); // eslint-disable-line react-hooks/exhaustive-deps

  async function change(body: object, said: string) {
    attempt.current += 1;
    setSending(true);
    const r = await staffApi.patch<StaffUser>(`/api/v1/admin/users/${encodeURIComponent(member.id)}`, body);
    setSending(false);
    setConfirming(null);
    if (r.ok) {
      setFaults({});
      setMessage(undefined);
      onChanged(r.data, said);
      if (self) void refresh();
      return;
    }
    const split = splitApiError(r.error, fields);
    // A refusal of a status change is about the account, not the roles the person is editing.
    if ("status" in body) {
      setFaults({});
      setMessage([split.message, ...Object.values(split.faults)].filter(Boolean).join(" "));
    } else {
      setFaults(split.faults);
      setMessage(split.message);
    }
  }

  function saveRoles(e: FormEvent) {
    e.preventDefault();
    if (roles.length === 0) {
      attempt.current += 1;
      setFaults({ roles: "Cochez au moins un rôle." });
      setMessage(undefined);
      return;
    }
    void change({ roles }, `Les rôles de ${member.display_name} sont enregistrés.`);
  }

  async function reset() {
    attempt.current += 1;
    setSending(true);
    const r = await staffApi.post<StaffUser>(`/api/v1/admin/users/${encodeURIComponent(member.id)}/reset`);
    setSending(false);
    setConfirming(null);
    if (r.ok) {
      onChanged(r.data, `Une nouvelle invitation a été envoyée à ${member.email}.`);
      return;
    }
    setFaults({});
    setMessage(r.error.message);
  }

  const disabled = member.status === "disabled";
  return (
    <section className="fr-p-3w fr-mt-4w fr-background-alt--grey" aria-labelledby="membre-titre">
      <h2 id="membre-titre" tabIndex={-1} ref={heading}>
        Compte de {member.display_name}
      </h2>
      <p>
        {member.email} · {statusLabels[member.status]}
        {self && " · c'est votre compte"}
      </p>
      <ErrorSummary key={attempt.current} title="La modification n'a pas été faite" faults={summary} message={message} />

      <form onSubmit={saveRoles} noValidate aria-label={`Rôles de ${member.display_name}`}>
        <RolesField prefix="membre" value={roles} onChange={setRoles} fault={faults.roles} />
        <Button type="submit" disabled={sending}>
          Enregistrer les rôles
        </Button>
      </form>

      <h3 className="fr-h5 fr-mt-4w">Accès</h3>
      {disabled ? (
        <>
          <p>Ce compte est désactivé : la personne ne peut pas se connecter.</p>
          <Button
            priority="secondary"
            disabled={sending}
            onClick={() => void change({ status: "active" }, `Le compte de ${member.display_name} est réactivé.`)}
          >
            Réactiver le compte
          </Button>
        </>
      ) : confirming === "disable" ? (
        <div className="fr-alert fr-alert--warning" role="alert">
          <h4 className="fr-alert__title">Désactiver le compte de {member.display_name} ?</h4>
          <p>Ses sessions se ferment tout de suite et elle ne pourra plus se connecter, jusqu'à une réactivation.</p>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-2w">
            <li>
              <Button
                disabled={sending}
                onClick={() => void change({ status: "disabled" }, `Le compte de ${member.display_name} est désactivé.`)}
              >
                Confirmer la désactivation
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setConfirming(null)}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      ) : (
        <Button priority="secondary" disabled={sending} onClick={() => setConfirming("disable")}>
          Désactiver le compte
        </Button>
      )}

      <h3 className="fr-h5 fr-mt-4w">Téléphone ou mot de passe perdu</h3>
      {confirming === "reset" ? (
        <div className="fr-alert fr-alert--warning" role="alert">
          <h4 className="fr-alert__title">Envoyer une nouvelle invitation à {member.display_name} ?</h4>
          <p>
            Son mot de passe et le lien avec son application d'authentification sont effacés, ses sessions se ferment,
            et une nouvelle invitation part à {member.email}.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-2w">
            <li>
              <Button disabled={sending} onClick={() => void reset()}>
                Confirmer la nouvelle invitation
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setConfirming(null)}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      ) : (
        <>
          <p>
            La personne a changé de téléphone ou oublié son mot de passe : elle reçoit une nouvelle invitation pour tout
            choisir à nouveau.
          </p>
          <Button priority="secondary" disabled={sending} onClick={() => setConfirming("reset")}>
            Téléphone ou mot de passe perdu
          </Button>
        </>
      )}

      <p className="fr-mt-4w fr-mb-0">
        <Button priority="tertiary" iconId="fr-icon-close-line" onClick={onClose}>
          Revenir à la liste
        </Button>
      </p>
    </section>
  );
}
