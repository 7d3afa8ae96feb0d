// The registrations area: the search (/gestion/inscriptions) and one registration
// (/gestion/inscriptions/:id), each its own chunk. Managers act; auditors read.
import { lazy } from "react";
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";

const Search = lazy(() => import("./Search").then((m) => ({ default: m.Search })));
const Registration = lazy(() => import("./Registration").then((m) => ({ default: m.Registration })));

export const inscriptionRoutes = (
  <>
    <Route path="inscriptions" element={<RequireStaff roles={["manager", "auditor"]}><Search /></RequireStaff>} />
    <Route path="inscriptions/:id" element={<RequireStaff roles={["manager", "auditor"]}><Registration /></RequireStaff>} />
  </>
);
