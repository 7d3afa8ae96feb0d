// The académie's public description (its zone, its offices' names) and the live version's
// number: what the rules pages need to say times and names rather than codes.
import { useEffect, useState } from "react";
import type { AcademyInfo } from "./VersionTypes";

const cache = new Map<string, Promise<AcademyInfo | null>>();

function load(code: string): Promise<AcademyInfo | null> {
  let p = cache.get(code);
  if (!p) {
    p = fetch(`/api/v1/academies/${encodeURIComponent(code)}`, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<AcademyInfo>) : null))
      .catch(() => null);
    cache.set(code, p);
  }
  return p;
}

export function useAcademyInfo(code: string | undefined): AcademyInfo | null {
  const [info, setInfo] = useState<AcademyInfo | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    void load(code).then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
  }, [code]);
  return info;
}

/** "heure de Paris" for Europe/Paris, the zone's name otherwise. */
export function zoneText(timeZone: string): string {
  if (timeZone === "Europe/Paris") return "heure de Paris";
  const city = timeZone.split("/").pop()?.replace(/_/g, " ");
  return `heure de ${city ?? timeZone}`;
}
