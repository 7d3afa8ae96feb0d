// /gestion/equipe (admin): the académie's staff, an invitation form, and one colleague's
// account opened from the list (MemberPanel).
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { formatDateTime } from "../../format";
import { useStaffSession } from "../StaffSession";
import { academyName, staffApi } from "../staffApi";
import { useGestionTitle } from "../useGestionTitle";
import { InviteForm } from "./InviteForm";
import { MemberPanel } from "./MemberPanel";
import { rolesText, statusLabels, statusSeverity } from "./staffLabels";
import { ScrollingTable } from "./ScrollingTable";
import type { StaffUser } from "./types";

export function Team() {
  useGestionTitle("Équipe");
  const { me } = useStaffSession();
  const [users, setUsers] = useState<StaffUser[] | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>();
  const list = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const r = await staffApi.get<{ users: StaffUser[] }>("/api/v1/admin/users");
    if (r.ok) setUsers(r.data.users);
    else setLoadError(r.error.message);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = (u: StaffUser, said: string) => {
    setUsers((all) => (all ?? []).map((x) => (x.id === u.id ? u : x)));
    setNotice(said);
  };

  const member = users?.find((u) => u.id === selected) ?? null;

  return (
    <>
      <h1>Équipe{me ? ` – ${academyName(me)}` : ""}</h1>
      <p>Les personnes qui travaillent dans la gestion des inscriptions de votre académie, et leurs rôles.</p>
      <div role="status" className="fr-mb-2w">
        {notice && <Alert severity="success" small description={notice} closable onClose={() => setNotice(undefined)} />}
      </div>
      {loadError && <Alert severity="error" title="La liste n'a pas pu être chargée" description={loadError} />}
      {!users && !loadError && <p>Chargement…</p>}
      {users && (
        <div ref={list} tabIndex={-1}>
        <ScrollingTable caption={<>Membres de l'équipe ({users.length})</>}>
                  <thead>
                    <tr>
                      <th scope="col">Nom</th>
                      <th scope="col">Adresse mail</th>
                      <th scope="col">Rôles</th>
                      <th scope="col">État</th>
                      <th scope="col">Créé le</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {users.map((u) => (
                      <tr key={u.id}>
                        <th scope="row">{u.display_name}</th>
                        <td>{u.email}</td>
                        <td>{rolesText(u.roles)}</td>
                        <td>
                          <Badge small noIcon severity={statusSeverity[u.status]}>
                            {statusLabels[u.status] ?? u.status}
                          </Badge>
                        </td>
                        <td>{formatDateTime(u.created_at)}</td>
                        <td>
                          <Button
                            size="small"
                            priority="secondary"
                            onClick={() => {
                              setNotice(undefined);
                              setSelected(u.id);
                            }}
                          >
                            Gérer<span className="fr-sr-only"> le compte de {u.display_name}</span>
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
        </div>
      )}
      {member && <MemberPanel member={member} onChanged={replace} onClose={() => {
            setSelected(null);
            list.current?.focus();
          }} />}
      <div className="fr-mt-6w fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <InviteForm
            onInvited={(u) => {
              setUsers((all) => [...(all ?? []), u]);
              setNotice(`L'invitation est partie à ${u.email}.`);
            }}
          />
        </div>
      </div>
    </>
  );
}
