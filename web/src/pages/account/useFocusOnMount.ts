import { useEffect, useRef } from "react";

// A result that replaces a form takes the focus, so screen readers read it (RGAA 7.4).
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
