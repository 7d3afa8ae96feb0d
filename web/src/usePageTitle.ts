import { useEffect } from "react";

// Each page names itself in the tab title (RGAA 8.5/8.6), as "<page> – Espace candidat".
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – Espace candidat – Inscriptions aux examens`;
  }, [title]);
}
