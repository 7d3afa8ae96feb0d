// The routes of this back-office area (a fragment BackOffice.tsx puts in its table).
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";
import { Soon } from "../Soon";

export const rulesRoutes = (
  <>
    <Route path="regles" element={<RequireStaff roles={["rules_editor", "auditor", "manager"]}><Soon title="Règles" /></RequireStaff>} />
  </>
);
