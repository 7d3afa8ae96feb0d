// A registration named in the impact report, linked to its page in the back office when the
// person may read registrations (managers, auditors); the number alone otherwise.
import { Link } from "react-router";
import { useStaffSession } from "../StaffSession";

export function ImpactRegistrationLink({ number, id }: { number: string; id?: string }) {
  const { hasRole } = useStaffSession();
  if (!id || !hasRole("manager", "auditor")) return <>{number}</>;
  return <Link to={`/gestion/inscriptions/${encodeURIComponent(id)}`}>{number}</Link>;
}
