// The back office under /gestion/: its own session (the staff cookie), frame and route table.
// One chunk, loaded only when a /gestion/ address is visited; each area adds its routes.
import { Suspense } from "react";
import { Route, Routes } from "react-router";
import { StaffSessionProvider } from "./StaffSession";
import { GestionLayout } from "./GestionLayout";
import { RequireStaff } from "./RequireStaff";
import { StaffLogin } from "./pages/StaffLogin";
import { GestionHome } from "./pages/GestionHome";
import { NotFound } from "../pages/NotFound";
import { inscriptionRoutes } from "./inscriptions/routes";
import { documentRoutes, pieceRoutes } from "./pieces/routes";
import { rulesRoutes } from "./regles/routes";
import { administrationRoutes } from "./administration/routes";
import { pilotageRoutes } from "./pilotage/routes";
import "./gestion.css";

export function BackOffice() {
  return (
    <StaffSessionProvider>
      <GestionLayout>
        <Suspense fallback={<p>Chargement…</p>}>
          <Routes>
            <Route index element={<RequireStaff><GestionHome /></RequireStaff>} />
            <Route path="connexion" element={<StaffLogin />} />
            {inscriptionRoutes}
            {pieceRoutes}
            {documentRoutes}
            {rulesRoutes}
            {administrationRoutes}
            {pilotageRoutes}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </GestionLayout>
    </StaffSessionProvider>
  );
}
