// /gestion/pilotage: what an exam office watches while a window is open, as charts, each with its
// table and CSV. The session and exam are in the URL (?session=&examen=); without them, the
// API's default (the session open now, else the latest).
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useGestionTitle } from "../useGestionTitle";
import { useStaffSession } from "../StaffSession";
import { formatDateTime } from "../../format";
import { useDashboard } from "./useDashboard";
import { SessionChooser } from "./SessionChooser";
import { KeyFigures } from "./KeyFigures";
import { RegistrationCurves } from "./RegistrationCurves";
import { ChartFigure } from "./ChartFigure";
import { modeLabels } from "./labels";
import type { Counted, Dashboard as Figures } from "./types";

function Windows({ d }: { d: Figures }) {
  if (d.windows.length === 0) return null;
  return (
    <ul className="fr-mb-4w">
      {d.windows.map((w) => (
        <li key={w.exam}>
          {w.exam_name} : inscriptions du {formatDateTime(w.opens_at, d.timezone)} au {formatDateTime(w.closes_at, d.timezone)}
          {w.final_mode === "upload" && w.pieces_deadline
            ? ` ; dépôt des pièces en ligne jusqu'au ${formatDateTime(w.pieces_deadline, d.timezone)}.`
            : ` ; ${(modeLabels[w.final_mode] ?? "").toLowerCase() || "pièces par courrier"}.`}
        </li>
      ))}
    </ul>
  );
}

function Breakdown({ d, title, header, items, file }: { d: Figures; title: string; header: string; items: Counted[]; file: string }) {
  return (
    <ChartFigure
      title={title}
      kind="horizontal-bar"
      labelHeader={header}
      labels={items.map((i) => i.label)}
      series={[{ name: "Inscriptions", values: items.map((i) => i.count) }]}
      fileParts={["pilotage", d.session, d.exam ?? "", file]}
      empty="Aucune inscription pour l'instant."
    />
  );
}

export function Dashboard() {
  useGestionTitle("Pilotage");
  const { hasRole } = useStaffSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = params.get("session") ?? "";
  const exam = params.get("examen") ?? "";
  const result = useDashboard(session, exam);
  const d = result?.data;

  const choose = (s: string, e: string) => {
    const q = new URLSearchParams({ session: s });
    if (e) q.set("examen", e);
    navigate(`/gestion/pilotage?${q}`);
  };
  const relances = d ? `/gestion/pilotage/relances?${new URLSearchParams({ session: d.session, ...(d.exam ? { examen: d.exam } : {}) })}` : "";
  const examName = d?.exam ? d.choices.find((c) => c.session === d.session)?.exams.find((e) => e.code === d.exam)?.name : null;

  return (
    <>
      <h1>Pilotage</h1>
      {result === null && <p role="status">Chargement des chiffres…</p>}
      {result?.error && (
        <>
          <Alert severity="error" title="Les chiffres n'ont pas pu être obtenus" description={result.error.message} className="fr-mb-2w" />
          {(session || exam) && (
            <p>
              <Link to="/gestion/pilotage">Voir la session en cours</Link>
            </p>
          )}
        </>
      )}
      {d && (
        <>
          <SessionChooser key={`${d.session}/${d.exam ?? ""}`} choices={d.choices} session={d.session} exam={d.exam ?? ""} onChoose={choose} />
          <p className="fr-text--lead fr-mb-1w">
            {d.academy_name}, session {d.session}
            {examName ? ` : ${examName}` : ", tous les examens"}
          </p>
          <p className="fr-mb-2w">
            <strong>Chiffres au {formatDateTime(d.as_of, d.timezone)}</strong> (heure de l'académie).
          </p>
          <Windows d={d} />
          <KeyFigures d={d} />
          <RegistrationCurves d={d} />
          <ChartFigure
            title="État des pièces justificatives"
            kind="horizontal-bar"
            labelHeader="État des pièces"
            labels={d.pieces.map((p) => p.label)}
            series={[{ name: "Inscriptions", values: d.pieces.map((p) => p.count) }]}
            fileParts={["pilotage", d.session, d.exam ?? "", "pieces"]}
            note={<p className="fr-text--sm">Inscriptions en cours des sessions à dépôt en ligne des pièces.</p>}
            empty="Aucune inscription avec dépôt en ligne des pièces pour l'instant."
            after={
              hasRole("manager") && (
                <p className="fr-mt-2w">
                  <Link to={relances} className="fr-link fr-icon-mail-line fr-link--icon-left">
                    Relancer les candidats dont les pièces ne sont pas complètes
                  </Link>
                </p>
              )
            }
          />
          <Breakdown d={d} title="Inscriptions par examen" header="Examen" items={d.registrations.by_exam} file="examens" />
          <Breakdown d={d} title="Inscriptions par spécialité" header="Spécialité" items={d.registrations.by_speciality} file="specialites" />
          <Breakdown d={d} title="Inscriptions par pôle gestionnaire" header="Pôle" items={d.registrations.by_office} file="poles" />
          <ChartFigure
            title="Inscriptions par mode d'inscription définitive"
            kind="pie"
            labelHeader="Mode"
            labels={d.registrations.by_mode.map((m) => m.label)}
            series={[{ name: "Inscriptions", values: d.registrations.by_mode.map((m) => m.count) }]}
            fileParts={["pilotage", d.session, d.exam ?? "", "modes"]}
            empty="Aucune inscription pour l'instant."
          />
          <ChartFigure
            title="Courriels de l'académie"
            kind="bar"
            labelHeader="État"
            labels={["En attente d'envoi", "Envoyés", "En échec, nouvel essai prévu"]}
            series={[{ name: "Courriels", values: [d.mails.queued, d.mails.sent, d.mails.failed] }]}
            fileParts={["pilotage", d.session, "courriels"]}
            empty="Aucun courriel pour l'instant."
          />
        </>
      )}
    </>
  );
}
