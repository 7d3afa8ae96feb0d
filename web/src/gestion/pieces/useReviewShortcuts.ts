// Single-key shortcuts for a fast review (A accepter, R refuser, S or → suivante, ← précédente).
// WCAG 2.1.4: they can be turned off (the choice is remembered on this browser), and they never
// fire while the person types in a field or holds a modifier key.
import { useEffect, useState } from "react";

export interface ShortcutActions {
  accept: () => void;
  refuse: () => void;
  next: () => void;
  previous: () => void;
}

const preference = "gestion.pieces.raccourcis";

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
  // A switch, a radio or a button is not typing: the shortcuts still work from there.
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset", "file"].includes(target.type);
}

export function useShortcutsSwitch(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(preference) !== "off");
  const set = (value: boolean) => {
    localStorage.setItem(preference, value ? "on" : "off");
    setOn(value);
  };
  return [on, set];
}

export function useReviewShortcuts(enabled: boolean, actions: ShortcutActions) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat || typingIn(e.target)) return;
      const action =
        e.key === "a" || e.key === "A"
          ? actions.accept
          : e.key === "r" || e.key === "R"
            ? actions.refuse
            : e.key === "s" || e.key === "S" || e.key === "ArrowRight"
              ? actions.next
              : e.key === "ArrowLeft"
                ? actions.previous
                : null;
      if (!action) return;
      e.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled, actions]);
}
