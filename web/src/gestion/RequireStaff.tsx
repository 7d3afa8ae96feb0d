// Back-office pages: without a staff session, the login page (which comes back here); without
// one of the roles the page needs, a plain French refusal rather than an empty page.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useStaffSession } from "./StaffSession";
import { roleLabels, type Role } from "./staffApi";

export function RequireStaff({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me, loading, ended } = useStaffSession();
  const location = useLocation();
  if (loading) return <p>Chargement…</p>;
  if (!me) {
    const back = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/gestion/connexion?retour=${back}${ended ? "&expire=1" : ""}`} replace />;
  }
  if (roles && !roles.some((r) => me.roles.includes(r)))
    return (
      <Alert
        severity="warning"
        title="Cette page ne vous est pas ouverte"
        description={`Elle est réservée aux rôles : ${roles.map((r) => roleLabels[r]).join(", ")}. Demandez à l'administrateur de votre académie si vous en avez besoin.`}
      />
    );
  return <>{children}</>;
}
