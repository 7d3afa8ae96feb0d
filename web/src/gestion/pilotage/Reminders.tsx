// /gestion/pilotage/relances (managers): the candidates whose pieces are not complete with the
// deadline within N days (?jours=, default 7), the preview of the French mail one of them would
// get, « Envoyer la relance » to the checked ones (after an inline confirmation), then the
// report: sent, and skipped with the reason.
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useGestionTitle } from "../useGestionTitle";
import { staffApi } from "../staffApi";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { ApiError } from "../../api/client";
import { formatDateTime } from "../../format";
import { useDashboard } from "./useDashboard";
import { SessionChooser } from "./SessionChooser";
import { ReminderTable, candidateName } from "./ReminderTable";
import { ReminderPreview } from "./ReminderPreview";
import { ReminderReport } from "./ReminderReport";
import { plural } from "./labels";
import "./pilotage.css";
import type { ReminderCandidate, ReminderPreview as Preview, ReminderReport as Report, Reminders as List } from "./types";

const daysRule = "Indiquez un nombre entier de jours entre 0 et 60.";

function validDays(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n <= 60 ? n : null;
}

export function Reminders() {
  useGestionTitle("Relances des pièces");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = params.get("session") ?? "";
  const exam = params.get("examen") ?? "";
  const days = validDays(params.get("jours") ?? "") ?? 7;
  // The dashboard gives the choices, the académie's zone and the default session.
  const dash = useDashboard(session, exam);
  const d = dash?.data;
  const [daysText, setDaysText] = useState(String(days));
  const [daysFault, setDaysFault] = useState("");
  const [list, setList] = useState<{ key: string; data?: List; error?: ApiError } | null>(null);
  const [reload, setReload] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<{ who: string; id: string; mail?: Preview; error?: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [report, setReport] = useState<{ report: Report; names: Map<string, string> } | null>(null);
  const [sendError, setSendError] = useState("");
  const confirmBox = useRef<HTMLDivElement>(null);

  const key = d ? new URLSearchParams({ session: d.session, ...(d.exam ? { exam: d.exam } : {}), within_days: String(days) }).toString() : "";
  useEffect(() => {
    if (!key) return;
    let live = true;
    void staffApi.get<List>(`/api/v1/admin/reminders?${key}`).then((r) => {
      if (!live) return;
      setList(r.ok ? { key, data: r.data } : { key, error: r.error });
      if (r.ok) {
        // Keep only the checks of candidates still listed.
        const ids = new Set(r.data.candidates.map((c) => c.registration_id));
        setChecked((old) => new Set([...old].filter((id) => ids.has(id))));
      }
    });
    return () => {
      live = false;
    };
  }, [key, reload]);
  useEffect(() => {
    if (confirming) confirmBox.current?.focus();
  }, [confirming]);

  const current = list?.key === key ? list : null;
  const candidates = current?.data?.candidates ?? [];
  const tz = d?.timezone ?? "Europe/Paris";

  const choose = (s: string, e: string) => {
    const n = validDays(daysText);
    if (n === null) {
      setDaysFault(daysRule);
      return;
    }
    setDaysFault("");
    setReport(null);
    setPreview(null);
    const q = new URLSearchParams({ session: s });
    if (e) q.set("examen", e);
    q.set("jours", String(n));
    navigate(`/gestion/pilotage/relances?${q}`);
  };

  const check = (ids: string[], on: boolean) =>
    setChecked((old) => {
      const next = new Set(old);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const showPreview = async (c: ReminderCandidate) => {
    const who = candidateName(c);
    const r = await staffApi.get<Preview>(`/api/v1/admin/registrations/${encodeURIComponent(c.registration_id)}/reminder`);
    setPreview(r.ok ? { who, id: c.registration_id, mail: r.data } : { who, id: c.registration_id, error: r.error.message });
  };

  const askSend = () => {
    setReport(null);
    if (checked.size === 0) {
      setSendError("Cochez au moins un candidat à relancer.");
      return;
    }
    setSendError("");
    setConfirming(true);
  };

  const send = async () => {
    setSending(true);
    const ids = candidates.filter((c) => checked.has(c.registration_id)).map((c) => c.registration_id);
    const names = new Map(candidates.map((c) => [c.registration_id, `${candidateName(c)} (inscription ${c.registration_number})`]));
    const r = await staffApi.post<Report>("/api/v1/admin/reminders", { registration_ids: ids });
    setSending(false);
    setConfirming(false);
    if (!r.ok) {
      setSendError(r.error.message);
      return;
    }
    setReport({ report: r.data, names });
    setChecked(new Set());
    setReload((n) => n + 1);
  };

  return (
    <>
      <h1>Relances des pièces</h1>
      <p>
        Les candidats inscrits dont les pièces ne sont pas complètes (aucune pièce, pièces incomplètes ou pièce refusée) et dont la
        date limite de dépôt tombe dans les jours qui viennent. Un candidat reçoit au plus une relance par jour.{" "}
        <Link to={`/gestion/pilotage${d ? `?${new URLSearchParams({ session: d.session, ...(d.exam ? { examen: d.exam } : {}) })}` : ""}`}>
          Retour au tableau de bord
        </Link>
      </p>
      {dash === null && <p role="status">Chargement…</p>}
      {dash?.error && <Alert severity="error" title="La liste n'a pas pu être obtenue" description={dash.error.message} className="fr-mb-4w" />}
      <ErrorSummary
        title="La recherche contient une erreur"
        faults={daysFault ? [{ id: "relance-jours", label: "Date limite dans les prochains jours", message: daysFault }] : []}
      />
      {d && (
        <SessionChooser key={`${d.session}/${d.exam ?? ""}/${days}`} choices={d.choices} session={d.session} exam={d.exam ?? ""} onChoose={choose}>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Date limite dans les prochains jours"
              hintText="Nombre de jours, de 0 à 60"
              state={daysFault ? "error" : "default"}
              stateRelatedMessage={daysFault}
              nativeInputProps={{
                id: "relance-jours",
                name: "jours",
                inputMode: "numeric",
                value: daysText,
                onChange: (e) => setDaysText(e.target.value),
              }}
            />
          </div>
        </SessionChooser>
      )}
      {current?.error && <Alert severity="error" title="La liste n'a pas pu être obtenue" description={current.error.message} className="fr-mb-4w" />}
      {report && <ReminderReport report={report.report} names={report.names} />}
      {current?.data && (
        <>
          <p role="status">
            {candidates.length === 0
              ? `Aucun candidat à relancer : aucune date limite dans ${plural(days, "jour")} au plus, ou toutes les pièces sont là.`
              : `${plural(candidates.length, "candidat")} à relancer, chiffres au ${formatDateTime(current.data.as_of, tz)}.`}
          </p>
          {candidates.length > 0 && (
            <>
              <ReminderTable candidates={candidates} timezone={tz} withinDays={days} checked={checked} onCheck={check} onPreview={showPreview} />
              <ErrorSummary title="La relance n'est pas partie" faults={[]} message={sendError} />
              {confirming ? (
                <div className="fr-alert fr-alert--info fr-mb-4w" tabIndex={-1} ref={confirmBox}>
                  <h2 className="fr-alert__title">Envoyer la relance à {plural(checked.size, "candidat")} maintenant ?</h2>
                  <p>Chacun reçoit un courriel qui rappelle ses pièces manquantes et la date limite.</p>
                  <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-2w">
                    <li>
                      <Button onClick={() => void send()} disabled={sending}>
                        Confirmer l'envoi
                      </Button>
                    </li>
                    <li>
                      <Button priority="secondary" onClick={() => setConfirming(false)}>
                        Annuler
                      </Button>
                    </li>
                  </ul>
                </div>
              ) : (
                <Button iconId="fr-icon-mail-line" iconPosition="left" onClick={askSend} className="fr-mb-4w">
                  Envoyer la relance{checked.size > 0 ? ` (${checked.size})` : ""}
                </Button>
              )}
            </>
          )}
        </>
      )}
      {preview?.mail && <ReminderPreview who={preview.who} preview={preview.mail} onClose={() => setPreview(null)} />}
      {preview?.error && <Alert severity="error" title={`L'aperçu pour ${preview.who} n'a pas pu être obtenu`} description={preview.error} className="fr-mb-4w" />}
    </>
  );
}
