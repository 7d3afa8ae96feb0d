// /mes-inscriptions/:id/modifier: the same wizard, prefilled, saving a new version; back to
// Mon inscription with the version saved.
import { useNavigate, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Registration, SessionInfo } from "../../api/types";
import { examName } from "../../format";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { registrationPath, sessionPath } from "./labels";
import { LoadError } from "./LoadError";
import { useLoad } from "./useLoad";
import { Wizard } from "./Wizard";

export function EditRegistration() {
  usePageTitle("Modifier mon inscription");
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { account } = useSession();
  const reg = useLoad<Registration>(registrationPath(id));
  const r = reg.data;
  const session = useLoad<SessionInfo>(r ? sessionPath(r.academy, r.exam, r.session) : null);
  const s = session.data;

  return (
    <>
      <h1>Modifier mon inscription</h1>
      {s && r && (
        <p className="fr-text--lead">
          {s.exam_name ?? examName(s.exam)} – {s.title ?? `Session ${s.session}`} – n° {r.registration_number}, version{" "}
          {r.version}
        </p>
      )}
      {reg.error && <LoadError error={reg.error} title="Cette inscription n'existe pas" />}
      {session.error && <LoadError error={session.error} />}
      {!reg.error && !session.error && (!r || !s || !account) && <p>Chargement…</p>}
      {r && r.status === "withdrawn" && (
        <Alert severity="warning" title="Cette inscription a été annulée" description="Une inscription annulée ne peut plus être modifiée." />
      )}
      {r && s && account && r.status !== "withdrawn" && (
        <Wizard
          session={s}
          account={account}
          mode={{ kind: "edit", registration: r }}
          onEdited={(saved) => navigate(`/mes-inscriptions/${saved.id}`, { state: { savedVersion: saved.version } })}
        />
      )}
    </>
  );
}
