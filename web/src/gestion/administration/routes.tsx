// The administration area: the staff invitation's activation (open, no session), the audit
// journal, the team and the service's state. Each page is its own chunk.
import { lazy } from "react";
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";

const Activation = lazy(() => import("./Activation").then((m) => ({ default: m.Activation })));
const Journal = lazy(() => import("./Journal").then((m) => ({ default: m.Journal })));
const Team = lazy(() => import("./Team").then((m) => ({ default: m.Team })));
const Service = lazy(() => import("./Service").then((m) => ({ default: m.Service })));

export const administrationRoutes = (
  <>
    <Route path="activation" element={<Activation />} />
    <Route path="journal" element={<RequireStaff roles={["auditor", "admin"]}><Journal /></RequireStaff>} />
    <Route path="equipe" element={<RequireStaff roles={["admin"]}><Team /></RequireStaff>} />
    <Route path="service" element={<RequireStaff roles={["admin", "auditor"]}><Service /></RequireStaff>} />
  </>
);
