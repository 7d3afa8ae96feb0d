// The routes of this back-office area (a fragment BackOffice.tsx puts in its table); each page is
// its own chunk.
import { lazy } from "react";
import { Route } from "react-router";
import { RequireStaff } from "../RequireStaff";

const Review = lazy(() => import("./Review").then((m) => ({ default: m.Review })));
const Documents = lazy(() => import("./Documents").then((m) => ({ default: m.Documents })));

export const pieceRoutes = (
  <>
    <Route path="pieces" element={<RequireStaff roles={["manager"]}><Review /></RequireStaff>} />
  </>
);

export const documentRoutes = (
  <>
    <Route path="documents" element={<RequireStaff roles={["manager"]}><Documents /></RequireStaff>} />
  </>
);
