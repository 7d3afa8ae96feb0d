// A Lua script in CodeMirror 6: highlighted, line numbers, editable or read-only. `goTo` moves
// the cursor to a line and shows it (a fault or a verdict's file:line clicked elsewhere).
import { useEffect, useRef } from "react";
import { basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { StreamLanguage } from "@codemirror/language";
import { lua } from "@codemirror/legacy-modes/mode/lua";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { cspNonce } from "../cspNonce";

export const luaLanguage = StreamLanguage.define(lua);

// CodeMirror's own words (search panel, folding, lint, diff), in French like the rest of the page.
const frenchPhrases = EditorState.phrases.of({
  "$ unchanged lines": "$ lignes inchangées",
  Accept: "Accepter",
  Completions: "Complétions",
  "Control character": "Caractère de contrôle",
  Diagnostics: "Défauts",
  "Go to line": "Aller à la ligne",
  "No diagnostics": "Aucun défaut",
  Reject: "Rejeter",
  "Revert this chunk": "Annuler ce changement",
  "Selection deleted": "Sélection supprimée",
  close: "fermer",
  "current match": "occurrence courante",
  "folded code": "code replié",
  go: "aller",
  "on line": "à la ligne",
  "replaced $ matches": "$ occurrences remplacées",
  "replaced match on line $": "occurrence remplacée à la ligne $",
  to: "à",
  unfold: "déplier",
  "Folded lines": "Lignes repliées",
  "Unfolded lines": "Lignes dépliées",
  "Fold line": "Replier la ligne",
  "Unfold line": "Déplier la ligne",
  Find: "Rechercher",
  Replace: "Remplacer",
  all: "tout",
  "by word": "mot entier",
  "match case": "respecter la casse",
  next: "suivant",
  previous: "précédent",
  regexp: "expression régulière",
  "replace all": "tout remplacer",
  replace: "remplacer",
});

/** The extensions every Lua view of the back office shares (also used by the diff view). */
export function luaExtensions(label: string, readOnly: boolean) {
  const nonce = cspNonce();
  return [
    basicSetup,
    frenchPhrases,
    luaLanguage,
    EditorView.lineWrapping,
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    EditorView.contentAttributes.of({ "aria-label": label }),
    ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
  ];
}

export function LuaEditor({
  value,
  onChange,
  label,
  readOnly = false,
  goTo,
  marks,
}: {
  value: string;
  onChange?: (text: string) => void;
  label: string;
  readOnly?: boolean;
  /** A line to show and put the cursor on; `seq` changes to ask again for the same line. */
  goTo?: { line: number; seq: number };
  /** Faults to mark on their lines (a check's or a submission's), in French. */
  marks?: { line: number; message: string }[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          luaExtensions(label, readOnly),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is made once; `value` changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v || !goTo || goTo.line < 1) return;
    const line = v.state.doc.line(Math.min(goTo.line, v.state.doc.lines));
    v.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: "center" }) });
    v.focus();
    // After CodeMirror's own scroll (its next frame): the whole frame in sight, not just the line.
    requestAnimationFrame(() => requestAnimationFrame(() => host.current?.scrollIntoView({ block: "nearest" })));
  }, [goTo]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const diagnostics: Diagnostic[] = (marks ?? [])
      .filter((m) => m.line >= 1)
      .map((m) => {
        const line = doc.line(Math.min(m.line, doc.lines));
        return { from: line.from, to: line.to, severity: "error", message: m.message };
      });
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [marks]);

  // The frame scrolls (max-height): it takes the focus itself so that the keyboard can scroll
  // it too, which a read-only view's content cannot (axe: scrollable-region-focusable).
  return <div ref={host} className="gestion-lua" tabIndex={0} role="group" aria-label={label} />;
}
