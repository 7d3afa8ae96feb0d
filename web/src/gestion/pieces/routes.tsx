// The routes of this back-office area (a fragment BackOffice.tsx puts in its table).
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";
import { Soon } from "../Soon";

export const pieceRoutes = (
  <>
    <Route path="pieces" element={<RequireStaff roles={["manager"]}><Soon title="Pièces à examiner" /></RequireStaff>} />
  </>
);

export const documentRoutes = (
  <>
    <Route path="documents" element={<RequireStaff roles={["manager"]}><Soon title="Documents" /></RequireStaff>} />
  </>
);
