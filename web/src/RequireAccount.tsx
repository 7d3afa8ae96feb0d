// Pages of the candidate's space: without a session, the login page, which comes back here.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "./session";

export function RequireAccount({ children }: { children: ReactNode }) {
  const { account, loading } = useSession();
  const location = useLocation();
  if (loading) return <p>Chargement…</p>;
  if (!account) {
    const back = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/connexion?retour=${back}`} replace />;
  }
  return <>{children}</>;
}
