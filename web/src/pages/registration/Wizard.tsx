// The registration wizard built from a session's form: one step per tab (DSFR Stepper,
// Précédent / Suivant), the rules' verdict shown on the fields the candidate touched or after
// Suivant, the Récapitulatif with the pieces and the office before Enregistrer, then (a new
// registration) the N° inscription step. In "edit" mode it starts from the registration's
// answers and saves a new version (PUT).
import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { api, type ApiError } from "../../api/client";
import type { Account, FormFieldSpec, Registration, SessionInfo } from "../../api/types";
import { ErrorSummary, type FieldFault } from "../../components/ErrorSummary";
import { answersForInputs, answersToSend, type AnswerValue, type Answers } from "../../form/answers";
import { fieldTargetId } from "../../form/FieldInput";
import { FormFields } from "../../form/FormFields";
import { shownFields } from "../../form/visibility";
import { IdentityBlock } from "./IdentityBlock";
import { RecapStep } from "./RecapStep";
import { NumbersStep } from "./NumbersStep";
import { autoCompleteFor, registrationPath, sessionPath } from "./labels";
import { useVerdict } from "./useVerdict";
import { ClosedNotice } from "./ClosedNotice";

export type WizardMode = { kind: "new" } | { kind: "edit"; registration: Registration };

interface Summary {
  faults: FieldFault[];
  message?: string;
  title?: string;
}

const identityNationalities = ["francaise", "ue", "autre"];

export function Wizard({
  session,
  account,
  mode,
  onEdited,
}: {
  session: SessionInfo;
  account: Account;
  mode: WizardMode;
  onEdited?: (r: Registration) => void;
}) {
  const form = session.form;
  const tabs = form.tabs;
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Answers>(() =>
    mode.kind === "edit" ? answersForInputs(form, mode.registration.answers) : {},
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState<Set<number>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Registration | null>(null);
  const [closedError, setClosedError] = useState<ApiError | null>(null);

  const sent = useMemo(() => answersToSend(form, answers), [form, answers]);
  const identity = useMemo(() => {
    const id: Record<string, string> = { birth_date: account.birth_date };
    if (account.nationality && identityNationalities.includes(account.nationality)) id.nationality = account.nationality;
    return id;
  }, [account]);
  const path = sessionPath(session.academy, session.exam, session.session);
  const { verdict, failed, now, fresh } = useVerdict(path, sent, identity);

  const recapStep = tabs.length;
  const numbersStep = tabs.length + 1;
  const stepCount = mode.kind === "new" ? tabs.length + 2 : tabs.length + 1;
  const title = step < tabs.length ? tabs[step].title : step === recapStep ? "Récapitulatif" : "N° inscription";
  const nextTitle =
    step + 1 < tabs.length ? tabs[step + 1].title : step + 1 === recapStep ? "Récapitulatif" : step + 1 < stepCount ? "N° inscription" : undefined;

  // Each new step is announced from its title (the stepper's heading gets the focus).
  // A step reached with an error summary (a refused save) leaves the focus to the summary.
  const stepper = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  const summaryShown = useRef(false);
  summaryShown.current = summary !== null;
  useEffect(() => {
    if (firstRender.current || summaryShown.current) {
      firstRender.current = false;
      return;
    }
    const h = stepper.current?.querySelector("h2");
    if (h) {
      h.tabIndex = -1;
      h.focus();
      h.scrollIntoView?.({ block: "start" });
    }
  }, [step]);

  // A choice counts as touched once made; a text once left (no error while the first word is typed).
  const typeOf = useMemo(() => new Map(tabs.flatMap((t) => t.fields.map((f) => [f.id, f.type] as const))), [tabs]);
  const change = (id: string, value: AnswerValue) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    const kind = typeOf.get(id);
    if (kind === "checkbox" || kind === "radio" || kind === "select") setTouched((t) => (t.has(id) ? t : new Set(t).add(id)));
    if (serverErrors[id]) setServerErrors(({ [id]: _gone, ...rest }) => rest);
  };
  const blur = (id: string) => setTouched((t) => (t.has(id) ? t : new Set(t).add(id)));

  const tabFields = (i: number) => shownFields(tabs[i].fields as FormFieldSpec[], form, answers);
  const errorOf = (id: string, errors: Record<string, string>) => serverErrors[id] ?? errors[id];

  /** The faults of tab i under these errors, as the summary lists them. */
  const faultsOf = (i: number, errors: Record<string, string>): FieldFault[] =>
    tabFields(i)
      .filter((f) => errorOf(f.id, errors))
      .map((f) => ({ id: fieldTargetId(f, "champ-"), label: f.label.replace(/[.\s]+$/, ""), message: errorOf(f.id, errors)! }));

  // The errors shown next to the fields change only with a verdict on the current answers: a
  // verdict that predates the last keystroke would flash an error already fixed (and move the
  // button being clicked).
  const lastVisible = useRef<Record<string, string>>({});
  let visibleErrors: Record<string, string> = {};
  if (step < tabs.length) {
    if (fresh || Object.keys(serverErrors).length > 0) {
      for (const f of tabFields(step)) {
        const msg = errorOf(f.id, verdict?.errors ?? {});
        if (msg && (touched.has(f.id) || attempted.has(step) || serverErrors[f.id])) visibleErrors[f.id] = msg;
      }
      lastVisible.current = visibleErrors;
    } else {
      const shown = new Set(tabFields(step).map((f) => f.id));
      visibleErrors = Object.fromEntries(Object.entries(lastVisible.current).filter(([id]) => shown.has(id)));
    }
  }

  const unreachable = () =>
    setSummary({ faults: [], message: failed ?? "Vos réponses n'ont pas pu être vérifiées. Réessayez dans un instant." });

  const next = async () => {
    const v = await now();
    if (!v) return unreachable();
    setAttempted((a) => new Set(a).add(step));
    const faults = faultsOf(step, v.errors);
    if (faults.length > 0) return setSummary({ faults });
    setSummary(null);
    setStep(step + 1);
  };

  const previous = () => {
    setSummary(null);
    setStep(step - 1);
  };

  /** Sends the candidate to the first tab with a fault, its faults summarised. */
  const showFirstFaultyTab = (errors: Record<string, string>, message?: string): boolean => {
    for (let i = 0; i < tabs.length; ++i) {
      const faults = faultsOf(i, errors);
      if (faults.length > 0) {
        setAttempted((a) => new Set(a).add(i));
        setStep(i);
        setSummary({ faults, message });
        return true;
      }
    }
    return false;
  };

  const save = async () => {
    setSaving(true);
    try {
      const v = await now();
      if (!v) return unreachable();
      if (showFirstFaultyTab(v.errors)) return;
      const r =
        mode.kind === "new"
          ? await api.post<Registration>("/api/v1/registrations", {
              academy: session.academy,
              exam: session.exam,
              session: session.session,
              answers: sent,
            })
          : await api.put<Registration>(registrationPath(mode.registration.id), { answers: sent });
      if (r.ok) {
        setSummary(null);
        if (mode.kind === "edit") return onEdited?.(r.data);
        setSaved(r.data);
        setStep(numbersStep);
        return;
      }
      const e = r.error;
      if (e.code === "service_closed") return setClosedError(e);
      if (Object.keys(e.fields).length > 0) {
        setServerErrors(e.fields);
        if (showFirstFaultyTab(e.fields, e.message)) return;
      }
      setSummary({ faults: [], message: e.message, title: "Votre inscription n'a pas été enregistrée" });
    } finally {
      setSaving(false);
    }
  };

  const stepperBlock = (
    <div ref={stepper}>
      <Stepper
        currentStep={step + 1}
        stepCount={stepCount}
        title={title}
        nextTitle={nextTitle}
        progressText={({ currentStep, stepCount }) => `Étape ${currentStep} sur ${stepCount}`}
        nextStepText="Étape suivante :"
      />
    </div>
  );

  if (closedError) return <ClosedNotice session={session} mode={mode.kind} message={closedError.message} />;
  if (!saved) {
    if (!verdict) return failed ? <ErrorSummary faults={[]} title="Le service ne répond pas" message={failed} /> : <p>Chargement…</p>;
    // The server's clock decides (it may be a simulated one): the verdict's phase and time.
    const at = verdict.at ? Date.parse(verdict.at) : Date.now();
    const closed = mode.kind === "new" ? verdict.phase !== "open" : at >= Date.parse(session.edits_close_at);
    if (closed) return <ClosedNotice session={session} mode={mode.kind} before={mode.kind === "new" && verdict.phase === "before"} />;
  }

  if (saved && step === numbersStep)
    return (
      <>
        {stepperBlock}
        <NumbersStep registration={saved} session={session} />
      </>
    );

  const summaryBox = summary && <ErrorSummary title={summary.title} faults={summary.faults} message={summary.message} />;

  if (step === recapStep)
    return (
      <>
        {stepperBlock}
        {summaryBox}
        <RecapStep session={session} account={account} answers={answers} verdict={verdict} />
        <ButtonsGroup
          inlineLayoutWhen="md and up"
          buttons={[
            { children: "Précédent", priority: "secondary", type: "button", onClick: previous, iconId: "fr-icon-arrow-left-line", iconPosition: "left" },
            {
              children: saving ? "Enregistrement…" : mode.kind === "new" ? "Enregistrer" : "Enregistrer mes modifications",
              onClick: () => void save(),
              disabled: saving,
              iconId: "fr-icon-save-line",
              iconPosition: "left",
            },
          ]}
        />
        {mode.kind === "edit" && (
          <p className="fr-mt-2w">
            <Link to={`/mes-inscriptions/${mode.registration.id}`}>Abandonner mes modifications</Link>
          </p>
        )}
      </>
    );

  const tab = tabs[step];
  const isIdentityTab = tab.id === "identification" || (step === 0 && !tabs.some((t) => t.id === "identification"));
  return (
    <>
      {stepperBlock}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void next();
        }}
        aria-labelledby="wizard-titre"
      >
        <span id="wizard-titre" hidden>
          {tab.title}
        </span>
        {summaryBox}
        <p className="fr-text--sm">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
        {isIdentityTab && <IdentityBlock account={account} />}
        <FormFields
          form={form}
          tab={tab.id}
          answers={answers}
          errors={visibleErrors}
          onChange={change}
          onBlur={blur}
          autoCompleteFor={autoCompleteFor}
        />
        <ButtonsGroup
          inlineLayoutWhen="md and up"
          buttons={
            step > 0
              ? [
                  { children: "Précédent", priority: "secondary", type: "button", onClick: previous, iconId: "fr-icon-arrow-left-line", iconPosition: "left" },
                  { children: "Suivant", type: "submit", iconId: "fr-icon-arrow-right-line", iconPosition: "right" },
                ]
              : [{ children: "Suivant", type: "submit", iconId: "fr-icon-arrow-right-line", iconPosition: "right" }]
          }
        />
      </form>
    </>
  );
}

