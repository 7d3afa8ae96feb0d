// The time zone of each académie (GET /api/v1/academies, asked once per page load): dates are
// said in the académie's zone, which a session's JSON does not repeat.
import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { Academy } from "../../api/types";

let cached: Promise<Record<string, string>> | null = null;

export function useAcademyZones(): (academy: string) => string {
  const [zones, setZones] = useState<Record<string, string>>({});
  useEffect(() => {
    cached ??= api
      .get<{ academies: Academy[] }>("/api/v1/academies")
      .then((r) => (r.ok ? Object.fromEntries(r.data.academies.map((a) => [a.code, a.timezone])) : {}));
    let live = true;
    void cached.then((z) => live && setZones(z));
    return () => {
      live = false;
    };
  }, []);
  return (academy) => zones[academy] ?? "Europe/Paris";
}
