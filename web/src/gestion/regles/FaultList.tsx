// Faults of a script, each with its file:line: a button that moves an editor to the line when
// the fault is in a file the page holds (the draft, or one of its test files), plain text
// otherwise (a shared script, a folder's test file).
import type { Fault } from "./WorkbenchTypes";

export function FaultWhere({
  file,
  line,
  draft,
  onGoTo,
  testFiles,
  onGoToTest,
}: {
  file: string;
  line: number;
  /** The file the editor holds (academies/<académie>.lua). */
  draft: string;
  onGoTo: (line: number) => void;
  /** The draft's own test files, and how to show one of their lines. */
  testFiles?: string[];
  onGoToTest?: (file: string, line: number) => void;
}) {
  const where = line > 0 ? `${file}:${line}` : file;
  if (line > 0 && onGoToTest && testFiles?.includes(file))
    return (
      <button type="button" className="fr-link" onClick={() => onGoToTest(file, line)}>
        <span className="fr-sr-only">Aller dans le fichier de cas de test à </span>
        <code>{where}</code>
      </button>
    );
  if (file === draft && line > 0)
    return (
      <button type="button" className="fr-link" onClick={() => onGoTo(line)}>
        <span className="fr-sr-only">Aller dans l'éditeur à </span>
        <code>{where}</code>
      </button>
    );
  return <code>{where}</code>;
}

export function FaultList({
  faults,
  draft,
  onGoTo,
  testFiles,
  onGoToTest,
}: {
  faults: Fault[];
  draft: string;
  onGoTo: (line: number) => void;
  testFiles?: string[];
  onGoToTest?: (file: string, line: number) => void;
}) {
  return (
    <ul className="fr-mb-0">
      {faults.map((f, i) => (
        <li key={`${f.file}:${f.line}:${i}`}>
          <FaultWhere file={f.file} line={f.line} draft={draft} onGoTo={onGoTo} testFiles={testFiles} onGoToTest={onGoToTest} /> : {f.message}
        </li>
      ))}
    </ul>
  );
}
