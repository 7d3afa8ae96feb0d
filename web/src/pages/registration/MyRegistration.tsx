// Mon inscription: the récapitulatif (every answer by tab, version shown), Modifier while edits
// are open, Visualiser/imprimer, the deadlines for an agenda, what to send and by when, and the
// ways to Mes documents and Mes justificatifs. A withdrawn registration says so, read-only.
import { Link, useLocation, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Registration, SessionInfo } from "../../api/types";
import { AnswersSummary } from "../../form/AnswersSummary";
import { answersForInputs } from "../../form/answers";
import { examName, formatDateTime } from "../../format";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { IdentitySummary } from "./IdentityBlock";
import { registrationPath, sessionPath } from "./labels";
import { RegistrationBadges } from "./RegistrationBadges";
import { LoadError } from "./LoadError";
import { NextSteps } from "./NextSteps";
import { OfficeContact } from "./OfficeContact";
import { PiecesList } from "./PiecesList";
import { RegistrationDownloads } from "./RegistrationDownloads";
import { useLoad } from "./useLoad";
import { useServerNow } from "./useServerNow";
import { useSummaryGone } from "./useSummaryGone";
import { useAcademyZones } from "./useAcademyZones";

export function MyRegistration() {
  usePageTitle("Mon inscription");
  const { id = "" } = useParams();
  const location = useLocation();
  const savedVersion = (location.state as { savedVersion?: number } | null)?.savedVersion;
  const { account } = useSession();
  const reg = useLoad<Registration>(registrationPath(id));
  const r = reg.data;
  const session = useLoad<SessionInfo>(r ? sessionPath(r.academy, r.exam, r.session) : null);
  const s = session.data;
  const now = useServerNow();
  const closed = s !== null && now !== null && now >= Date.parse(s.closes_at);
  const zoneOf = useAcademyZones();
  const summaryGone = useSummaryGone(id, closed, s ? formatDateTime(s.closes_at, zoneOf(s.academy)) : "");

  if (reg.error)
    return (
      <>
        <h1>Mon inscription</h1>
        <LoadError error={reg.error} title="Cette inscription n'existe pas" />
        <Link to="/mes-inscriptions">Mes inscriptions</Link>
      </>
    );
  if (!r || !s || now === null || !account)
    return (
      <>
        <h1>Mon inscription</h1>
        {session.error ? <LoadError error={session.error} /> : <p>Chargement…</p>}
      </>
    );

  const tz = zoneOf(s.academy);
  const withdrawn = r.status === "withdrawn";
  const editable = !withdrawn && now < Date.parse(s.edits_close_at);
  const contact = r.contact ?? { name: r.pole.name ?? "", phones: r.pole.phones ?? [], email: r.pole.email ?? "" };

  return (
    <>
      <h1>Mon inscription</h1>
      <p className="fr-text--lead fr-mb-2w">
        {s.exam_name ?? examName(s.exam)} – {s.title ?? `Session ${s.session}`}
      </p>
      <RegistrationBadges status={r.status} version={r.version} className="fr-mb-3w" />
      {savedVersion !== undefined && savedVersion === r.version && (
        <Alert
          severity="success"
          className="fr-mb-4w"
          title={`Version ${savedVersion} enregistrée`}
          description="Vos modifications sont enregistrées : rééditez votre récapitulatif d'inscription (bouton « Visualiser/imprimer »). Vous allez recevoir un courriel de modification de candidature."
        />
      )}
      {withdrawn && (
        <Alert
          severity="warning"
          className="fr-mb-4w"
          title="Cette inscription a été annulée par le service des examens"
          description={
            <>
              {r.withdrawn_at && <>Désinscription le {formatDateTime(r.withdrawn_at, tz)}. </>}
              {r.withdrawal_reason && <>Motif : {r.withdrawal_reason}. </>}
              Elle reste consultable mais ne peut plus être modifiée.
            </>
          }
        />
      )}
      {!withdrawn && !editable && (
        <Alert
          severity="info"
          className="fr-mb-4w"
          title="Les modifications ne sont plus possibles"
          description={`Les modifications d'inscription étaient possibles jusqu'au ${formatDateTime(s.edits_close_at, tz)}. Pour signaler un changement, contactez le service gestionnaire.`}
        />
      )}
      <dl className="fr-mb-3w">
        <div className="fr-mb-1w">
          <dt className="fr-text--bold fr-mb-0">Numéro candidat</dt>
          <dd className="fr-ml-0">{r.candidate_number}</dd>
        </div>
        <div className="fr-mb-1w">
          <dt className="fr-text--bold fr-mb-0">Numéro d'inscription</dt>
          <dd className="fr-ml-0">{r.registration_number}</dd>
        </div>
        {r.updated_at && (
          <div className="fr-mb-1w">
            <dt className="fr-text--bold fr-mb-0">Version {r.version} enregistrée le</dt>
            <dd className="fr-ml-0">{formatDateTime(r.updated_at, tz)}</dd>
          </div>
        )}
      </dl>
      {editable && (
        <p>
          <Button linkProps={{ to: `/mes-inscriptions/${r.id}/modifier` }} iconId="fr-icon-edit-line" iconPosition="left">
            Modifier
          </Button>
        </p>
      )}
      {!withdrawn && <RegistrationDownloads registration={r} calendar summaryGone={summaryGone} />}

      <h2 className="fr-mt-4w">Récapitulatif</h2>
      <IdentitySummary account={account} idPrefix="mon" />
      <AnswersSummary form={s.form} answers={answersForInputs(s.form, r.answers)} headingLevel={3} />
      <PiecesList pieces={r.pieces} headingLevel={2} />
      {!withdrawn && <NextSteps session={s} registrationId={r.id} headingLevel={2} />}
      <OfficeContact contact={contact} headingLevel={2} />
      <p>
        <Link to="/mes-inscriptions">Retour à Mes inscriptions</Link>
      </p>
    </>
  );
}
