// The routes of this back-office area (a fragment BackOffice.tsx puts in its table).
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";
import { Soon } from "../Soon";

export const administrationRoutes = (
  <>
    <Route path="activation" element={<Soon title="Activer mon compte" />} />
    <Route path="journal" element={<RequireStaff roles={["auditor", "admin"]}><Soon title="Journal" /></RequireStaff>} />
    <Route path="equipe" element={<RequireStaff roles={["admin"]}><Soon title="Équipe" /></RequireStaff>} />
    <Route path="service" element={<RequireStaff roles={["admin", "auditor"]}><Soon title="État du service" /></RequireStaff>} />
  </>
);
