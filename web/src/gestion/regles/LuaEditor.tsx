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

/** The extensions every Lua view of the back office shares (also used by the diff view). */
export function luaExtensions(label: string, readOnly: boolean) {
  const nonce = cspNonce();
  return [
    basicSetup,
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

  return <div ref={host} className="gestion-lua" />;
}
