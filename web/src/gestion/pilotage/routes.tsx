// The pilotage area: the dashboard (managers and auditors) and the reminders (managers only),
// each its own chunk; the charts' library comes with them, never with the rest of the office.
import { lazy } from "react";
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";

const Dashboard = lazy(() => import("./Dashboard").then((m) => ({ default: m.Dashboard })));
const Reminders = lazy(() => import("./Reminders").then((m) => ({ default: m.Reminders })));

export const pilotageRoutes = (
  <>
    <Route path="pilotage" element={<RequireStaff roles={["manager", "auditor"]}><Dashboard /></RequireStaff>} />
    <Route path="pilotage/relances" element={<RequireStaff roles={["manager"]}><Reminders /></RequireStaff>} />
  </>
);
