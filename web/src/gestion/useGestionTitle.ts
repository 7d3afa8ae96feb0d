import { useEffect } from "react";

// Each back-office page names itself in the tab title (RGAA 8.5/8.6).
export function useGestionTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – Gestion des inscriptions`;
  }, [title]);
}
