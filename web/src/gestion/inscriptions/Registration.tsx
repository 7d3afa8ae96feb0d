// /gestion/inscriptions/:id: one registration of the académie, whole: identity and contact,
// office, answers under their tabs, pieces, history with what changed; the manager's actions.
// Another académie's registration is a 404 for the API, and this page shows nothing of it.
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useGestionTitle } from "../useGestionTitle";
import { useStaffSession } from "../StaffSession";
import { staffApi } from "../staffApi";
import { formatDateTime } from "../../format";
import type { ApiError } from "../../api/client";
import { useAcademyRules, examLabel, poleLabel, sessionOf, specialityLabel } from "./useAcademyRules";
import { statusLabels } from "./labels";
import { Identity } from "./Identity";
import { Answers } from "./Answers";
import { PiecesState } from "./PiecesState";
import { History } from "./History";
import { Actions } from "./Actions";
import type { HistoryVersion, OfficePieceSet, OfficeRegistrationDetail } from "./types";

interface Loaded {
  reg: OfficeRegistrationDetail;
  history: HistoryVersion[];
  pieces: OfficePieceSet | null;
  serverNow: string | null;
}

export function Registration() {
  const { id = "" } = useParams();
  const { me, hasRole } = useStaffSession();
  const { rules } = useAcademyRules(me?.academy);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const noticeBox = useRef<HTMLDivElement>(null);
  useGestionTitle(loaded ? `Inscription ${loaded.reg.registration_number}` : "Inscription");

  useEffect(() => {
    let live = true;
    const base = `/api/v1/admin/registrations/${encodeURIComponent(id)}`;
    void Promise.all([
      staffApi.get<OfficeRegistrationDetail>(base),
      staffApi.get<{ versions: HistoryVersion[] }>(`${base}/history`),
      staffApi.get<OfficePieceSet>(`${base}/pieces`),
      staffApi.get<{ at: string }>("/api/v1/services"),
    ]).then(([reg, history, pieces, services]) => {
      if (!live) return;
      if (!reg.ok || !history.ok) {
        setError(!reg.ok ? reg.error : (history as { ok: false; error: ApiError }).error);
        setLoaded(null);
        return;
      }
      setError(null);
      setLoaded({
        reg: reg.data,
        history: history.data.versions,
        pieces: pieces.ok ? pieces.data : null,
        serverNow: services.ok ? services.data.at : null,
      });
    });
    return () => {
      live = false;
    };
  }, [id, round]);

  useEffect(() => {
    if (notice) noticeBox.current?.focus();
  }, [notice, loaded]);

  const done = useCallback((message: string) => {
    setNotice(message);
    setRound((n) => n + 1);
  }, []);

  if (error)
    return (
      <>
        <h1>Inscription introuvable</h1>
        <Alert
          severity="error"
          title={error.status === 404 ? "Cette inscription n'existe pas" : "L'inscription n'a pas pu être lue"}
          description={error.status === 404 ? "Aucune inscription de votre académie ne porte cette adresse." : error.message}
          className="fr-mb-4w"
        />
        <Link to="/gestion/inscriptions" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour à la recherche
        </Link>
      </>
    );
  if (!loaded) return <p>Chargement…</p>;

  const { reg, history, pieces, serverNow } = loaded;
  const tz = rules?.academy.timezone ?? "Europe/Paris";
  const session = sessionOf(rules, reg.exam, reg.session);
  const speciality = typeof reg.answers.speciality === "string" ? reg.answers.speciality : "";
  const candidateName = `${reg.candidate.first_name} ${reg.candidate.last_name}`;
  const closed = !!(session && serverNow && new Date(serverNow) >= new Date(session.closes_at));

  return (
    <>
      <Link to="/gestion/inscriptions" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
        Retour à la recherche
      </Link>
      <h1 className="fr-mt-2w">Inscription {reg.registration_number}</h1>
      <p className="fr-text--lead">
        {candidateName} · {examLabel(rules, reg.exam)} · {session?.title ?? `Session ${reg.session}`}
        {speciality ? ` · ${specialityLabel(rules, reg.exam, reg.session, speciality)}` : ""}
      </p>
      <p>
        <Badge severity={reg.status === "withdrawn" ? "warning" : "success"} noIcon>
          {statusLabels[reg.status] ?? reg.status}
        </Badge>{" "}
        Version {reg.version} · numéro de candidat {reg.candidate_number} · inscrit le {formatDateTime(reg.created_at, tz)}
      </p>
      {notice && (
        <div className="fr-alert fr-alert--success fr-mb-4w" role="status" tabIndex={-1} ref={noticeBox}>
          <p>{notice}</p>
        </div>
      )}
      {reg.status === "withdrawn" && (
        <Alert
          severity="warning"
          className="fr-mb-4w"
          title="Inscription désinscrite par le bureau des examens"
          description={`${reg.withdrawn_at ? `Le ${formatDateTime(reg.withdrawn_at, tz)}. ` : ""}Motif : ${reg.withdrawal_reason ?? "non précisé"}.`}
        />
      )}
      <Identity candidate={reg.candidate} answers={reg.answers} />
      <section aria-labelledby="pole-titre" className="fr-mb-6w">
        <h2 id="pole-titre">Pôle gestionnaire</h2>
        <p className="fr-mb-1w fr-text--bold">{reg.pole.name ?? poleLabel(rules, reg.pole.code)}</p>
        {reg.pole.phones && reg.pole.phones.length > 0 && <p className="fr-mb-1w">Téléphone : {reg.pole.phones.join(", ")}</p>}
        {reg.pole.email && <p>Courriel : {reg.pole.email}</p>}
      </section>
      {session ? (
        <Answers form={session.form} answers={reg.answers} />
      ) : (
        rules && (
          <Alert
            severity="info"
            className="fr-mb-6w"
            title="Réponses"
            description="Les règles en vigueur ne décrivent plus cette session : ses réponses ne peuvent plus être affichées avec leurs libellés."
          />
        )
      )}
      {pieces && <PiecesState set={pieces} timeZone={tz} />}
      <History
        versions={history}
        form={session?.form}
        candidate={reg.candidate}
        poleName={(code) => poleLabel(rules, code)}
        timeZone={tz}
        withdrawnIn={reg.status === "withdrawn" ? history[history.length - 1]?.version : undefined}
      />
      {hasRole("manager") && reg.status === "registered" && (
        <Actions reg={reg} closed={closed} closesAt={session?.closes_at} timeZone={tz} candidateName={candidateName} onDone={done} />
      )}
    </>
  );
}
