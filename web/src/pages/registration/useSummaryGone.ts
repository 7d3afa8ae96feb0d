// After the close the récapitulatif is usually no longer downloadable (410), unless the session
// keeps it; the session's JSON does not say which, so a HEAD request asks. Null: downloadable.
import { useEffect, useState } from "react";
import { registrationPath } from "./labels";

export function useSummaryGone(id: string, afterClose: boolean, closedOn: string): string | null {
  const [gone, setGone] = useState<string | null>(null);
  useEffect(() => {
    if (!afterClose) return;
    let live = true;
    void fetch(`${registrationPath(id)}/recapitulatif.pdf`, { method: "HEAD", credentials: "same-origin" })
      .then((r) => {
        if (live && !r.ok)
          setGone(`Le récapitulatif d'inscription n'est plus téléchargeable depuis la clôture des inscriptions, le ${closedOn}.`);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id, afterClose, closedOn]);
  return gone;
}
