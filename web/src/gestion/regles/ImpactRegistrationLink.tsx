// A registration named in the impact report, linked to its page in the back office when the
// person may read registrations (the report gives ids for some lists; the candidates to
// notify come with their number only, found through the search).
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { staffApi } from "../staffApi";
import { useStaffSession } from "../StaffSession";

export function ImpactRegistrationLink({ number, id }: { number: string; id?: string }) {
  const { hasRole } = useStaffSession();
  const canRead = hasRole("manager", "auditor");
  const [found, setFound] = useState<string | undefined>(id);
  useEffect(() => {
    if (id || !canRead) return;
    let live = true;
    void staffApi
      .get<{ registrations: { id: string; registration_number: string }[] }>(
        `/api/v1/admin/registrations?limit=5&q=${encodeURIComponent(number)}`,
      )
      .then((r) => {
        const hit = r.ok ? r.data.registrations.find((x) => x.registration_number === number) : undefined;
        if (live && hit) setFound(hit.id);
      });
    return () => {
      live = false;
    };
  }, [id, number, canRead]);
  if (!found || !canRead) return <>{number}</>;
  return <Link to={`/gestion/inscriptions/${encodeURIComponent(found)}`}>{number}</Link>;
}
