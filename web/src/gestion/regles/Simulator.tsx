// « Simulateur »: an exam session, an instant in the académie's zone and answers (the candidate
// portal's form renderer), judged by the live version and by the draft side by side
// (POST /api/v1/admin/rules/simulate, which stores nothing).
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { api } from "../../api/client";
import type { Academy, SessionInfo } from "../../api/types";
import { ErrorSummary, type FieldFault } from "../../components/ErrorSummary";
import { FormFields } from "../../form/FormFields";
import { allFields, answersToSend, type AnswerValue, type Answers } from "../../form/answers";
import { fieldTargetId } from "../../form/FieldInput";
import { examName } from "../../format";
import { nationalities } from "../../pages/account/identity";
import { staffApi } from "../staffApi";
import { SimulatorVerdicts } from "./SimulatorVerdicts";
import { wallClock, zonedInstant } from "./SimulatorInstant";
import type { SimulateResult } from "./WorkbenchTypes";

const required = "Ce champ est obligatoire.";

export function Simulator({
  academy,
  script,
  draftFile,
  onGoTo,
}: {
  academy: string;
  script: string;
  draftFile: string;
  onGoTo: (side: "live" | "draft", line: number) => void;
}) {
  const [info, setInfo] = useState<Academy | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState("");
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [day, setDay] = useState("");
  const [time, setTime] = useState("");
  const [answers, setAnswers] = useState<Answers>({});
  const [birthDate, setBirthDate] = useState("");
  const [nationality, setNationality] = useState("");
  const [faults, setFaults] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SimulateResult | null>(null);

  useEffect(() => {
    void api.get<Academy>(`/api/v1/academies/${encodeURIComponent(academy)}`).then((r) => {
      if (!r.ok) return setLoadError(r.error.message);
      setInfo(r.data);
      const now = wallClock(Date.now(), r.data.timezone);
      setDay(now.day);
      setTime(now.time);
    });
  }, [academy]);

  useEffect(() => {
    setSession(null);
    setResult(null);
    if (!choice) return;
    const [exam, label] = choice.split("/");
    void api
      .get<SessionInfo>(`/api/v1/academies/${encodeURIComponent(academy)}/exams/${exam}/sessions/${encodeURIComponent(label)}`)
      .then((r) => (r.ok ? setSession(r.data) : setMessage(r.error.message)));
  }, [academy, choice]);

  const zone = info?.timezone ?? "Europe/Paris";
  const labelOf = useMemo(() => {
    const labels = new Map(session ? allFields(session.form).map((f) => [f.id, f.label]) : []);
    return (field: string) => labels.get(field) ?? field;
  }, [session]);

  // Where each fault goes: the page's own fields, then the session's form.
  const specs: { name: string; id: string; label: string }[] = [
    { name: "session", id: "sim-session", label: "Examen et session" },
    { name: "at", id: "sim-jour", label: "Date" },
    { name: "time", id: "sim-heure", label: "Heure" },
    { name: "birth_date", id: "sim-naissance", label: "Date de naissance" },
    { name: "nationality", id: "sim-nationalite", label: "Nationalité" },
    ...(session ? allFields(session.form).map((f) => ({ name: f.id, id: fieldTargetId(f, "sim-"), label: f.label })) : []),
  ];
  // Made again only when the faults change: ErrorSummary takes the focus each time its list is new.
  const summary: FieldFault[] = useMemo(
    () => specs.filter((s) => faults[s.name]).map((s) => ({ id: s.id, label: s.label, message: faults[s.name] })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [faults, session],
  );

  async function simulate(e: FormEvent) {
    e.preventDefault();
    const own: Record<string, string> = {};
    if (!choice) own.session = required;
    const at = zonedInstant(day, time, zone);
    if (!day) own.at = required;
    if (!time) own.time = required;
    if (day && time && !at) own.at = "Saisissez une date et une heure valides.";
    setMessage(undefined);
    if (Object.keys(own).length) {
      setFaults(own);
      return;
    }
    setFaults({});
    setBusy(true);
    const [exam, label] = choice.split("/");
    const r = await staffApi.post<SimulateResult>("/api/v1/admin/rules/simulate", {
      script,
      exam,
      session: label,
      at,
      answers: session ? answersToSend(session.form, answers) : {},
      ...(birthDate || nationality
        ? { identity: { ...(birthDate ? { birth_date: birthDate } : {}), ...(nationality ? { nationality } : {}) } }
        : {}),
    });
    setBusy(false);
    if (r.ok) {
      setResult(r.data);
      return;
    }
    setResult(null);
    const known = new Set(specs.map((s) => s.name));
    const mine: Record<string, string> = {};
    const others: string[] = [];
    for (const [name, text] of Object.entries(r.error.fields)) {
      const key = name === "exam" ? "session" : name.replace(/^(answers|identity)\./, "");
      if (known.has(key)) mine[key] = text;
      else others.push(text);
    }
    setFaults(mine);
    setMessage([r.error.message, ...others].join(" "));
  }

  if (loadError) return <p className="fr-error-text">{loadError}</p>;
  if (!info) return <p>Chargement des sessions…</p>;

  const fieldState = (name: string) =>
    faults[name] ? ({ state: "error", stateRelatedMessage: faults[name] } as const) : ({ state: "default" } as const);

  return (
    <form onSubmit={simulate} noValidate aria-labelledby="simulateur-titre">
      <ErrorSummary title="La simulation n'a pas pu être faite" faults={summary} message={message} />
      <p>
        Le brouillon tel qu'il est dans l'éditeur et la version en service jugent les mêmes réponses au même instant.
        Rien n'est enregistré.
      </p>
      <Select
        label="Examen et session"
        {...fieldState("session")}
        nativeSelectProps={{ id: "sim-session", value: choice, onChange: (e) => setChoice(e.currentTarget.value) }}
      >
        <option value="" disabled hidden>
          Sélectionnez une session
        </option>
        {(info.sessions ?? []).map((s) => (
          <option key={`${s.exam}/${s.session}`} value={`${s.exam}/${s.session}`}>
            {examName(s.exam)} – {s.title ?? `session ${s.session}`}
          </option>
        ))}
      </Select>
      <fieldset className="fr-fieldset" aria-labelledby="sim-instant-legende">
        <legend className="fr-fieldset__legend" id="sim-instant-legende">
          Instant simulé (heure de l'académie, {zone})
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Date"
            {...fieldState("at")}
            nativeInputProps={{ id: "sim-jour", type: "date", value: day, onChange: (e) => setDay(e.currentTarget.value) }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Heure"
            {...fieldState("time")}
            nativeInputProps={{ id: "sim-heure", type: "time", value: time, onChange: (e) => setTime(e.currentTarget.value) }}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset" aria-labelledby="sim-identite-legende">
        <legend className="fr-fieldset__legend" id="sim-identite-legende">
          Identité du candidat (facultatif : certaines pièces en dépendent)
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Date de naissance"
            {...fieldState("birth_date")}
            nativeInputProps={{ id: "sim-naissance", type: "date", value: birthDate, onChange: (e) => setBirthDate(e.currentTarget.value) }}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Select
            label="Nationalité"
            {...fieldState("nationality")}
            nativeSelectProps={{ id: "sim-nationalite", value: nationality, onChange: (e) => setNationality(e.currentTarget.value) }}
          >
            <option value="">Non précisée</option>
            {nationalities.map((n) => (
              <option key={n.value} value={n.value}>
                {n.label}
              </option>
            ))}
          </Select>
        </div>
      </fieldset>
      {session && (
        <>
          <h3 className="fr-h5">Réponses du candidat</h3>
          {session.form.tabs.map((t) => (
            <fieldset key={t.id} className="fr-fieldset" aria-labelledby={`sim-onglet-${t.id}`}>
              <legend className="fr-fieldset__legend" id={`sim-onglet-${t.id}`}>
                {t.title}
              </legend>
              <div className="fr-fieldset__element">
                <FormFields
                  form={session.form}
                  tab={t.id}
                  answers={answers}
                  errors={faults}
                  idPrefix="sim-"
                  onChange={(id: string, value: AnswerValue) => setAnswers((a) => ({ ...a, [id]: value }))}
                />
              </div>
            </fieldset>
          ))}
        </>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? "Simulation…" : "Simuler"}
      </Button>
      {result && <SimulatorVerdicts result={result} draftFile={draftFile} labelOf={labelOf} onGoTo={onGoTo} />}
    </form>
  );
}
