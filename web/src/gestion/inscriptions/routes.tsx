// The routes of this back-office area (a fragment BackOffice.tsx puts in its table).
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";
import { Soon } from "../Soon";

export const inscriptionRoutes = (
  <>
    <Route path="inscriptions" element={<RequireStaff roles={["manager", "auditor"]}><Soon title="Inscriptions" /></RequireStaff>} />
  </>
);
