// One of the candidate's registrations with what a page says about it: its session (title,
// final registration: mode, deadline, instructions, postal address) and its académie's zone,
// for "Mes justificatifs" and "Mes documents".
import { useEffect, useState } from "react";
import { api, type ApiError } from "../api/client";
import type { Academy, RegistrationBrief, SessionInfo } from "../api/types";

export interface RegistrationContext {
  registration: RegistrationBrief;
  session: SessionInfo | null; // null when the session no longer answers (the page still shows)
  timeZone: string;
}

export function sessionPath(r: { academy: string; exam: string; session: string }) {
  return `/api/v1/academies/${encodeURIComponent(r.academy)}/exams/${encodeURIComponent(r.exam)}/sessions/${encodeURIComponent(r.session)}`;
}

export function useRegistrationContext(id: string) {
  const [context, setContext] = useState<RegistrationContext | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    setContext(null);
    setError(null);
    void (async () => {
      const reg = await api.get<RegistrationBrief>(`/api/v1/registrations/${encodeURIComponent(id)}`);
      if (!live) return;
      if (!reg.ok) return setError(reg.error);
      const [session, academy] = await Promise.all([
        api.get<SessionInfo>(sessionPath(reg.data)),
        api.get<Academy>(`/api/v1/academies/${encodeURIComponent(reg.data.academy)}`),
      ]);
      if (!live) return;
      setContext({
        registration: reg.data,
        session: session.ok ? session.data : null,
        timeZone: academy.ok ? academy.data.timezone : "Europe/Paris",
      });
    })();
    return () => {
      live = false;
    };
  }, [id]);

  return { context, error };
}
