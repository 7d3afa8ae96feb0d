// A version's source, read-only and highlighted. The shared editor's frame scrolls (a long
// script) but a read-only CodeMirror has nothing to focus: the frame itself is made focusable
// and named, so the keyboard can scroll it (RGAA 7.3, axe scrollable-region-focusable).
import { useEffect, useRef } from "react";
import { LuaEditor } from "./LuaEditor";

export function VersionSource({ script, label }: { script: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = host.current?.querySelector<HTMLElement>(".gestion-lua");
    if (!frame) return;
    frame.tabIndex = 0;
    frame.setAttribute("role", "region");
    frame.setAttribute("aria-label", label);
  }, [label]);
  return (
    <div ref={host}>
      <LuaEditor value={script} readOnly label={label} />
    </div>
  );
}
