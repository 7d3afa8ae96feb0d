// The box under the editor: the last check's verdict, or why the submission was refused.
import { FaultList } from "./FaultList";
import type { CheckResult, Fault } from "./WorkbenchTypes";

export type Verdict =
  | { kind: "checked"; result: CheckResult; script: string }
  | { kind: "refused"; faults: Fault[]; message: string }
  | { kind: "failed"; message: string };

function testsText(n: number): string {
  if (n === 0) return "Le brouillon se charge ; aucun cas de test ne s'applique.";
  return n === 1 ? "Le brouillon passe le seul cas de test." : `Le brouillon passe les ${n} tests.`;
}

export function WorkbenchVerdict({
  verdict,
  current,
  draftFile,
  onGoTo,
  testFiles,
  onGoToTest,
}: {
  verdict: Verdict | null;
  /** The draft's text now: a verdict on an older text says so. */
  current: string;
  draftFile: string;
  onGoTo: (line: number) => void;
  testFiles: string[];
  onGoToTest: (file: string, line: number) => void;
}) {
  if (!verdict) return null;
  if (verdict.kind === "failed")
    return (
      <div className="fr-alert fr-alert--error fr-mt-2w">
        <h3 className="fr-alert__title">La vérification n'a pas pu être faite</h3>
        <p>{verdict.message}</p>
      </div>
    );
  const stale = verdict.kind === "checked" && verdict.script !== current && (
    <p className="fr-mt-1w fr-mb-0">
      <em>Le brouillon a changé depuis cette vérification : vérifiez-le à nouveau.</em>
    </p>
  );
  if (verdict.kind === "checked" && verdict.result.passed)
    return (
      <div className="fr-alert fr-alert--success fr-mt-2w">
        <h3 className="fr-alert__title">{testsText(verdict.result.tests_run)}</h3>
        <p>Il se charge avec les autres scripts et passe les contrôles de cohérence.</p>
        {stale}
      </div>
    );
  const faults = verdict.kind === "checked" ? verdict.result.faults : verdict.faults;
  const title =
    verdict.kind === "refused"
      ? "La version n'a pas été soumise"
      : verdict.result.loads
        ? "Le brouillon ne passe pas la vérification"
        : "Le brouillon ne se charge pas";
  const n = faults.length;
  return (
    <div className="fr-alert fr-alert--error fr-mt-2w">
      <h3 className="fr-alert__title">{title}</h3>
      {verdict.kind === "refused" && <p>{verdict.message}</p>}
      {verdict.kind === "checked" && (
        <p>
          {n === 1 ? "Un défaut" : `${n} défauts`}
          {verdict.result.tests_run > 0 && ` (${verdict.result.tests_run} tests joués)`} :
        </p>
      )}
      <FaultList faults={faults} draft={draftFile} onGoTo={onGoTo} testFiles={testFiles} onGoToTest={onGoToTest} />
      {stale}
    </div>
  );
}
