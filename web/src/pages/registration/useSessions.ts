// The sessions behind a list of registrations (titles, forms, deadlines), fetched once each.
import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { SessionInfo } from "../../api/types";
import { sessionPath } from "./labels";

type Key = { academy: string; exam: string; session: string };
export const sessionKey = (k: Key) => `${k.academy}/${k.exam}/${k.session}`;

export function useSessions(keys: Key[] | null): Record<string, SessionInfo> {
  const [sessions, setSessions] = useState<Record<string, SessionInfo>>({});
  const wanted = keys ? [...new Set(keys.map(sessionKey))].sort().join("|") : "";
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void Promise.all(
      wanted.split("|").map(async (k) => {
        const [a, e, s] = k.split("/");
        const r = await api.get<SessionInfo>(sessionPath(a, e, s));
        return [k, r.ok ? r.data : null] as const;
      }),
    ).then((pairs) => {
      if (live) setSessions(Object.fromEntries(pairs.filter((p) => p[1] !== null)) as Record<string, SessionInfo>);
    });
    return () => {
      live = false;
    };
  }, [wanted]);
  return sessions;
}
