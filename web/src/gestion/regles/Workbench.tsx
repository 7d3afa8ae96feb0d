// /gestion/regles/nouvelle: the next version of the académie's rules. The draft starts from the
// live version; « Vérifier » runs the server's gate without storing anything and marks each
// fault on its line; the diff shows the draft beside the live text; the simulator judges the
// same answers with both; « Soumettre la version » stages it and opens its page.
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { ErrorSummary, type FieldFault } from "../../components/ErrorSummary";
import { useStaffSession } from "../StaffSession";
import { staffApi } from "../staffApi";
import { useGestionTitle } from "../useGestionTitle";
import { draftFile as draftFileOf, faultsOfError } from "./FaultSource";
import { LuaDiff } from "./LuaDiff";
import { LuaEditor } from "./LuaEditor";
import { Simulator } from "./Simulator";
import { forgetDraft, useDraft } from "./WorkbenchDraft";
import { testFileFaults, WorkbenchTests } from "./WorkbenchTests";
import { WorkbenchVerdict, type Verdict } from "./WorkbenchVerdict";
import type { CheckResult, RuleVersionBrief } from "./WorkbenchTypes";

/** `value` once it has stopped changing for `ms` (the diff is rebuilt on pauses, not keys). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function Workbench() {
  useGestionTitle("Nouvelle version des règles");
  const { me } = useStaffSession();
  const academy = me!.academy;
  const file = draftFileOf(academy);
  const navigate = useNavigate();
  const { live, error, draft, setDraft, restored, reset } = useDraft(academy);
  const [goTo, setGoTo] = useState<{ line: number; seq: number } | undefined>();
  const [testGoTo, setTestGoTo] = useState<{ path: string; line: number; seq: number } | undefined>();
  const [liveLine, setLiveLine] = useState<{ line: number; seq: number } | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [busy, setBusy] = useState<"check" | "submit" | null>(null);
  const [ownFaults, setOwnFaults] = useState<Record<string, string>>({});
  const [confirmReset, setConfirmReset] = useState(false);
  const liveView = useRef<HTMLHeadingElement>(null);
  const settledScript = useSettled(draft?.script ?? "", 600);

  useEffect(() => {
    if (liveLine) liveView.current?.focus();
  }, [liveLine]);

  // The summary at the top: the page's own checks, then the refused submission's faults. Made
  // again only when they change: ErrorSummary takes the focus each time its list is new.
  const summary: FieldFault[] = useMemo(
    () => [
      ...(ownFaults.script ? [{ id: "atelier-editeur", label: "Brouillon", message: ownFaults.script }] : []),
      ...(ownFaults.note ? [{ id: "atelier-note", label: "Ce qui change", message: ownFaults.note }] : []),
      ...Object.entries(ownFaults)
        .filter(([name]) => name.startsWith("test-"))
        .map(([name, message]) => {
          const i = Number(name.slice(5));
          return { id: `cas-chemin-${i}`, label: `Fichier de cas de test n° ${i + 1}`, message };
        }),
      ...(verdict?.kind === "refused"
        ? verdict.faults.map((f) => ({
            id: "atelier-verification",
            label: f.line > 0 ? `${f.file}:${f.line}` : f.file,
            message: f.message,
          }))
        : []),
    ],
    [ownFaults, verdict],
  );

  if (error)
    return (
      <>
        <h1>Nouvelle version des règles</h1>
        <div className="fr-alert fr-alert--error">
          <p>{error}</p>
        </div>
      </>
    );
  if (!live || !draft)
    return (
      <>
        <h1>Nouvelle version des règles</h1>
        <p>Chargement de la version en service…</p>
      </>
    );

  const goToLine = (line: number) => setGoTo((g) => ({ line, seq: (g?.seq ?? 0) + 1 }));
  const tests = draft.tests.length ? draft.tests.map((t) => ({ path: t.path.trim(), text: t.text })) : undefined;
  const testFaults = testFileFaults(draft.tests);
  const marks =
    verdict?.kind === "checked" && verdict.script === draft.script
      ? verdict.result.faults.filter((f) => f.file === file)
      : verdict?.kind === "refused"
        ? verdict.faults.filter((f) => f.file === file)
        : [];

  async function check() {
    const ts = testFileFaults(draft!.tests);
    if (Object.keys(ts).length) {
      setOwnFaults(Object.fromEntries(Object.entries(ts).map(([i, m]) => [`test-${i}`, m])));
      return;
    }
    setOwnFaults({});
    setBusy("check");
    const script = draft!.script;
    const r = await staffApi.post<CheckResult>("/api/v1/admin/rules/check", { script, ...(tests ? { tests } : {}) });
    setBusy(null);
    setVerdict(r.ok ? { kind: "checked", result: r.data, script } : { kind: "failed", message: r.error.message });
  }

  async function submit() {
    const own: Record<string, string> = {};
    if (draft!.script === live!.script && !tests) own.script = "Le brouillon est identique à la version en service : modifiez-le avant de le soumettre.";
    if (!draft!.note.trim()) own.note = "Dites en une phrase ce que cette version change, pour ceux qui la relisent et l'activent.";
    for (const [i, m] of Object.entries(testFaults)) own[`test-${i}`] = m;
    setOwnFaults(own);
    if (Object.keys(own).length) return;
    setBusy("submit");
    const r = await staffApi.post<RuleVersionBrief>("/api/v1/admin/rules/versions", {
      script: draft!.script,
      note: draft!.note.trim(),
      ...(tests ? { tests } : {}),
    });
    setBusy(null);
    if (r.ok) {
      forgetDraft(academy);
      navigate(`/gestion/regles/versions/${r.data.number}`);
      return;
    }
    const faults = faultsOfError(r.error);
    if (faults.length === 0 && r.error.fields.note) setOwnFaults({ note: r.error.fields.note });
    setVerdict({ kind: "refused", faults, message: r.error.message });
  }

  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/gestion/regles" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Versions des règles
        </Link>
      </p>
      <h1>Nouvelle version des règles</h1>
      <ErrorSummary
        title="La version n'a pas été soumise"
        faults={summary}
        message={verdict?.kind === "refused" && summary.length === 0 ? verdict.message : undefined}
      />
      <p>
        Le brouillon part de la version n° {live.number}, en service
        {live.note ? <> (« {live.note.replace(/\.$/, "")} »)</> : null}. Vérifiez-le, comparez-le et simulez-le : rien n'est enregistré
        avant « Soumettre la version », qui le met en attente d'activation.
      </p>
      {restored && (
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <h2 className="fr-alert__title">Votre brouillon a été repris</h2>
          <p>Il est gardé dans cet onglet du navigateur tant que vous ne le soumettez pas, et disparaît à sa fermeture.</p>
          {confirmReset ? (
            <p className="fr-mt-1w">
              Abandonner ce brouillon et repartir de la version en service ?{" "}
              <Button
                type="button"
                size="small"
                onClick={() => {
                  reset();
                  setVerdict(null);
                  setConfirmReset(false);
                }}
              >
                Oui, abandonner le brouillon
              </Button>{" "}
              <Button type="button" size="small" priority="secondary" onClick={() => setConfirmReset(false)}>
                Non, le garder
              </Button>
            </p>
          ) : (
            <Button type="button" size="small" priority="secondary" className="fr-mt-1w" onClick={() => setConfirmReset(true)}>
              Repartir de la version en service
            </Button>
          )}
        </div>
      )}

      <section aria-labelledby="atelier-brouillon" className="fr-mb-6w">
        <h2 id="atelier-brouillon">Brouillon</h2>
        <p className="fr-hint-text" id="atelier-editeur-aide">
          Le script de l'académie, <code>{file}</code>.
        </p>
        <div id="atelier-editeur" tabIndex={-1}>
          <LuaEditor
            label={`Brouillon du script de l'académie (${file})`}
            value={draft.script}
            onChange={(script) => setDraft({ ...draft, script })}
            goTo={goTo}
            marks={marks}
          />
        </div>
        {ownFaults.script && (
          <p className="fr-message fr-message--error" id="atelier-editeur-erreur">
            {ownFaults.script}
          </p>
        )}
        <Input
          className="fr-mt-3w"
          label="Ce qui change"
          hintText="Une phrase pour ceux qui relisent et activent la version : ce qui change et pourquoi."
          textArea
          state={ownFaults.note ? "error" : "default"}
          stateRelatedMessage={ownFaults.note}
          nativeTextAreaProps={{
            id: "atelier-note",
            rows: 2,
            value: draft.note,
            onChange: (e) => setDraft({ ...draft, note: e.currentTarget.value }),
          }}
        />
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button type="button" priority="secondary" iconId="fr-icon-check-line" disabled={busy !== null} onClick={check}>
              {busy === "check" ? "Vérification…" : "Vérifier"}
            </Button>
          </li>
          <li>
            <Button type="button" iconId="fr-icon-upload-line" disabled={busy !== null} onClick={submit}>
              {busy === "submit" ? "Envoi…" : "Soumettre la version"}
            </Button>
          </li>
        </ul>
        <div id="atelier-verification" tabIndex={-1} aria-live="polite">
          <WorkbenchVerdict
            verdict={verdict}
            current={draft.script}
            draftFile={file}
            onGoTo={goToLine}
            testFiles={draft.tests.map((t) => t.path.trim())}
            onGoToTest={(path, line) => setTestGoTo((g) => ({ path, line, seq: (g?.seq ?? 0) + 1 }))}
          />
        </div>
      </section>

      <section aria-labelledby="atelier-cas" className="fr-mb-6w">
        <h2 id="atelier-cas">Cas de test du brouillon</h2>
        <WorkbenchTests
          files={draft.tests}
          onChange={(t) => setDraft({ ...draft, tests: t })}
          goTo={testGoTo}
          faults={Object.fromEntries(
            Object.entries(ownFaults)
              .filter(([name]) => name.startsWith("test-"))
              .map(([name, message]) => [Number(name.slice(5)), message]),
          )}
        />
      </section>

      <section aria-labelledby="atelier-differences" className="fr-mb-6w">
        <h2 id="atelier-differences">Différences avec la version en service</h2>
        {settledScript === live.script ? (
          <p>Le brouillon est identique à la version en service n° {live.number}.</p>
        ) : (
          <>
            <p>À gauche la version en service n° {live.number}, à droite le brouillon ; les lignes changées sont marquées.</p>
            <LuaDiff
              a={live.script}
              b={settledScript}
              labelA={`Version en service n° ${live.number} (lecture seule)`}
              labelB="Brouillon (lecture seule)"
            />
          </>
        )}
      </section>

      <section aria-labelledby="simulateur-titre" className="fr-mb-6w">
        <h2 id="simulateur-titre">Simulateur</h2>
        <Simulator
          academy={academy}
          script={draft.script}
          draftFile={file}
          onGoTo={(side, line) =>
            side === "draft" ? goToLine(line) : setLiveLine((l) => ({ line, seq: (l?.seq ?? 0) + 1 }))
          }
        />
        {liveLine && (
          <div className="fr-mt-4w">
            <h3 tabIndex={-1} ref={liveView}>
              Version en service n° {live.number}, ligne {liveLine.line}
            </h3>
            <LuaEditor label={`Version en service n° ${live.number} (lecture seule)`} value={live.script} readOnly goTo={liveLine} />
            <Button type="button" priority="tertiary" size="small" className="fr-mt-1w" onClick={() => setLiveLine(null)}>
              Fermer la version en service
            </Button>
          </div>
        )}
      </section>
    </>
  );
}
