// What changed from one version of a registration to the next: answers by their label (before
// → after, as a person reads them), pieces asked or no longer asked, the managing office.
import type { FormFieldSpec } from "../../api/types";
import type { FormSpec } from "../../form/visibility";
import { displayAnswer } from "../../form/display";
import type { HistoryVersion } from "./types";

export interface Change {
  key: string;
  what: string;
  before: string;
  after: string;
}

function fieldsOf(form: FormSpec | undefined): FormFieldSpec[] {
  return (form?.tabs ?? []).flatMap((t) => t.fields as FormFieldSpec[]);
}

export function changesBetween(
  prev: HistoryVersion,
  cur: HistoryVersion,
  form: FormSpec | undefined,
  poleName: (code: string) => string,
): Change[] {
  const changes: Change[] = [];
  const fields = fieldsOf(form);
  const known = new Set(fields.map((f) => f.id));
  // The form's order first, then answers the form no longer describes.
  const ids = [
    ...fields.map((f) => f.id),
    ...[...new Set([...Object.keys(prev.answers), ...Object.keys(cur.answers)])].filter((id) => !known.has(id)),
  ];
  for (const id of ids) {
    const a = prev.answers[id];
    const b = cur.answers[id];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const field = fields.find((f) => f.id === id) ?? ({ id, label: id, type: "text", required: false } as FormFieldSpec);
    changes.push({ key: `answer-${id}`, what: field.label, before: displayAnswer(field, a), after: displayAnswer(field, b) });
  }
  const before = new Map(prev.pieces.map((p) => [p.code, p]));
  const after = new Map(cur.pieces.map((p) => [p.code, p]));
  for (const [code, p] of after)
    if (!before.has(code)) changes.push({ key: `piece-${code}`, what: `Pièce : ${p.label}`, before: "Non demandée", after: "Demandée" });
  for (const [code, p] of before)
    if (!after.has(code)) changes.push({ key: `piece-${code}`, what: `Pièce : ${p.label}`, before: "Demandée", after: "Plus demandée" });
  if (prev.pole !== cur.pole)
    changes.push({ key: "pole", what: "Pôle gestionnaire", before: poleName(prev.pole), after: poleName(cur.pole) });
  return changes;
}
