// The dashboard's figures for a session and exam ("" for the API's defaults), asked again when
// they change.
import { useEffect, useState } from "react";
import { staffApi } from "../staffApi";
import type { ApiError } from "../../api/client";
import type { Dashboard } from "./types";

export function dashboardQuery(session: string, exam: string): string {
  const q = new URLSearchParams();
  if (session) q.set("session", session);
  if (exam) q.set("exam", exam);
  return q.toString();
}

export function useDashboard(session: string, exam: string) {
  const key = dashboardQuery(session, exam);
  const [result, setResult] = useState<{ key: string; data?: Dashboard; error?: ApiError } | null>(null);
  useEffect(() => {
    let live = true;
    void staffApi.get<Dashboard>(`/api/v1/admin/dashboard${key ? `?${key}` : ""}`).then((r) => {
      if (live) setResult(r.ok ? { key, data: r.data } : { key, error: r.error });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return result?.key === key ? result : null;
}
