// Every page of the espace candidat, by its French address. The home page is in the first
// bundle; every other page is its own chunk, loaded when visited (the first load stays small).
// Pages of the candidate's own space sit behind RequireAccount.
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./Layout";
import { SessionProvider } from "./session";
import { RequireAccount } from "./RequireAccount";
import { Home } from "./pages/Home";
import { NotFound } from "./pages/NotFound";

// const Example = lazy(() => import("./pages/Example").then((m) => ({ default: m.Example })));
void lazy;
// Registration (M'inscrire, Mes inscriptions, Mon inscription): one chunk per page.
const ChooseSession = lazy(() => import("./pages/registration/ChooseSession").then((m) => ({ default: m.ChooseSession })));
const NewRegistration = lazy(() => import("./pages/registration/NewRegistration").then((m) => ({ default: m.NewRegistration })));
const MyRegistrations = lazy(() => import("./pages/registration/MyRegistrations").then((m) => ({ default: m.MyRegistrations })));
const MyRegistration = lazy(() => import("./pages/registration/MyRegistration").then((m) => ({ default: m.MyRegistration })));
const EditRegistration = lazy(() => import("./pages/registration/EditRegistration").then((m) => ({ default: m.EditRegistration })));
void RequireAccount;

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <Suspense fallback={<p>Chargement…</p>}>
          <Routes>
            <Route path="/" element={<Home />} />
            {/* ACCOUNT-ROUTES */}
            <Route path="/inscription" element={<RequireAccount><ChooseSession /></RequireAccount>} />
            <Route path="/inscription/:academy/:exam/:session" element={<RequireAccount><NewRegistration /></RequireAccount>} />
            <Route path="/mes-inscriptions" element={<RequireAccount><MyRegistrations /></RequireAccount>} />
            <Route path="/mes-inscriptions/:id" element={<RequireAccount><MyRegistration /></RequireAccount>} />
            <Route path="/mes-inscriptions/:id/modifier" element={<RequireAccount><EditRegistration /></RequireAccount>} />
            {/* PIECES-ROUTES */}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}
