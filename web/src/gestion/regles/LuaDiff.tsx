// Two versions of a script side by side, the changes marked (CodeMirror's merge view), both
// read-only and highlighted. `a` is the reference (the live version), `b` the other.
import { useEffect, useRef } from "react";
import { EditorState } from "@codemirror/state";
import { MergeView } from "@codemirror/merge";
import { luaExtensions } from "./LuaEditor";

export function LuaDiff({ a, b, labelA, labelB }: { a: string; b: string; labelA: string; labelB: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const view = new MergeView({
      parent: host.current!,
      a: { doc: a, extensions: [luaExtensions(labelA, true), EditorState.readOnly.of(true)] },
      b: { doc: b, extensions: [luaExtensions(labelB, true), EditorState.readOnly.of(true)] },
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [a, b, labelA, labelB]);
  // Focusable so that the keyboard can scroll the frame (its views are read-only).
  return (
    <div ref={host} className="gestion-lua gestion-diff" tabIndex={0} role="group" aria-label={`${labelA} et ${labelB}, côte à côte`} />
  );
}
