// The rules workbench: the versions (/gestion/regles), one version with its impact and
// activation (/gestion/regles/versions/:number), and the editor of the next version
// (/gestion/regles/nouvelle). Each page is its own chunk (CodeMirror is loaded only here).
import { lazy } from "react";
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";

const Versions = lazy(() => import("./Versions").then((m) => ({ default: m.Versions })));
const Version = lazy(() => import("./Version").then((m) => ({ default: m.Version })));
const Workbench = lazy(() => import("./Workbench").then((m) => ({ default: m.Workbench })));

export const rulesRoutes = (
  <>
    <Route path="regles" element={<RequireStaff roles={["rules_editor", "auditor", "manager"]}><Versions /></RequireStaff>} />
    <Route
      path="regles/versions/:number"
      element={<RequireStaff roles={["rules_editor", "auditor", "manager"]}><Version /></RequireStaff>}
    />
    <Route path="regles/nouvelle" element={<RequireStaff roles={["rules_editor"]}><Workbench /></RequireStaff>} />
  </>
);
