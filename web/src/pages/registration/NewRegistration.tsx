// /inscription/:academy/:exam/:session: the wizard for a new registration, unless the
// candidate already has one for this session.
import { Link, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Registration, SessionInfo } from "../../api/types";
import { examName } from "../../format";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { sessionPath } from "./labels";
import { LoadError } from "./LoadError";
import { useLoad } from "./useLoad";
import { Wizard } from "./Wizard";

export function NewRegistration() {
  usePageTitle("M'inscrire");
  const { academy = "", exam = "", session: label = "" } = useParams();
  const { account } = useSession();
  const session = useLoad<SessionInfo>(sessionPath(academy, exam, label));
  const mine = useLoad<{ registrations: Registration[] }>("/api/v1/registrations");
  const existing = mine.data?.registrations.find(
    (r) => r.academy === academy && r.exam === exam && r.session === label && r.status === "registered",
  );
  const s = session.data;

  return (
    <>
      <h1>M'inscrire</h1>
      {s && (
        <p className="fr-text--lead">
          {s.exam_name ?? examName(s.exam)} – {s.title ?? `Session ${s.session}`}
        </p>
      )}
      {session.error && <LoadError error={session.error} title="Cette session n'existe pas" />}
      {!session.error && (!s || !mine.data || !account) && !mine.error && <p>Chargement…</p>}
      {mine.error && <LoadError error={mine.error} />}
      {s && account && mine.data && existing && (
        <Alert
          severity="info"
          title="Vous êtes déjà inscrit(e) à cette session"
          description={
            <>
              Votre inscription n° {existing.registration_number} est enregistrée.{" "}
              <Link to={`/mes-inscriptions/${existing.id}`}>Consultez-la ou modifiez-la dans Mes inscriptions</Link>.
            </>
          }
        />
      )}
      {s && account && mine.data && !existing && <Wizard session={s} account={account} mode={{ kind: "new" }} />}
    </>
  );
}
