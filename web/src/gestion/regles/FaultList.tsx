// Faults of a script, each with its file:line: a button that moves the editor to the line when
// the fault is in the draft, plain text otherwise (a shared script, a test file).
import type { Fault } from "./WorkbenchTypes";

export function FaultWhere({
  file,
  line,
  draft,
  onGoTo,
}: {
  file: string;
  line: number;
  /** The file the editor holds (academies/<académie>.lua). */
  draft: string;
  onGoTo: (line: number) => void;
}) {
  const where = line > 0 ? `${file}:${line}` : file;
  if (file === draft && line > 0)
    return (
      <button type="button" className="fr-link" onClick={() => onGoTo(line)}>
        <span className="fr-sr-only">Aller dans l'éditeur à </span>
        <code>{where}</code>
      </button>
    );
  return <code>{where}</code>;
}

export function FaultList({ faults, draft, onGoTo }: { faults: Fault[]; draft: string; onGoTo: (line: number) => void }) {
  return (
    <ul className="fr-mb-0">
      {faults.map((f, i) => (
        <li key={`${f.file}:${f.line}:${i}`}>
          <FaultWhere file={f.file} line={f.line} draft={draft} onGoTo={onGoTo} /> : {f.message}
        </li>
      ))}
    </ul>
  );
}
