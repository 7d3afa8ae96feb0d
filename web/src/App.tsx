// Every page of the espace candidat, by its French address. The home page is in the first
// bundle; every other page is its own chunk, loaded when visited (the first load stays small).
// Pages of the candidate's own space sit behind RequireAccount. The back office (/gestion/)
// is one more chunk with its own session, frame and routes.
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./Layout";
import { SessionProvider } from "./session";
import { RequireAccount } from "./RequireAccount";
import { Home } from "./pages/Home";
import { NotFound } from "./pages/NotFound";

const SignUp = lazy(() => import("./pages/account/SignUp").then((m) => ({ default: m.SignUp })));
const Activation = lazy(() => import("./pages/account/Activation").then((m) => ({ default: m.Activation })));
const Login = lazy(() => import("./pages/account/Login").then((m) => ({ default: m.Login })));
const ForgottenPassword = lazy(() =>
  import("./pages/account/ForgottenPassword").then((m) => ({ default: m.ForgottenPassword })),
);
const ResetPassword = lazy(() => import("./pages/account/ResetPassword").then((m) => ({ default: m.ResetPassword })));
const MyAccount = lazy(() => import("./pages/account/MyAccount").then((m) => ({ default: m.MyAccount })));
const Help = lazy(() => import("./pages/account/Help").then((m) => ({ default: m.Help })));
const Accessibility = lazy(() => import("./pages/account/Accessibility").then((m) => ({ default: m.Accessibility })));
const MesJustificatifs = lazy(() => import("./pages/pieces/MesJustificatifs").then((m) => ({ default: m.MesJustificatifs })));
const PiecesPage = lazy(() => import("./pages/pieces/PiecesPage").then((m) => ({ default: m.PiecesPage })));
const MesDocuments = lazy(() => import("./pages/documents/MesDocuments").then((m) => ({ default: m.MesDocuments })));
const DocumentsPage = lazy(() => import("./pages/documents/DocumentsPage").then((m) => ({ default: m.DocumentsPage })));
// Registration (M'inscrire, Mes inscriptions, Mon inscription): one chunk per page.
const ChooseSession = lazy(() => import("./pages/registration/ChooseSession").then((m) => ({ default: m.ChooseSession })));
const NewRegistration = lazy(() => import("./pages/registration/NewRegistration").then((m) => ({ default: m.NewRegistration })));
const MyRegistrations = lazy(() => import("./pages/registration/MyRegistrations").then((m) => ({ default: m.MyRegistrations })));
const MyRegistration = lazy(() => import("./pages/registration/MyRegistration").then((m) => ({ default: m.MyRegistration })));
const EditRegistration = lazy(() => import("./pages/registration/EditRegistration").then((m) => ({ default: m.EditRegistration })));

const BackOffice = lazy(() => import("./gestion/BackOffice").then((m) => ({ default: m.BackOffice })));

export function App() {
  return (
    <Routes>
      <Route
        path="/gestion/*"
        element={
          <Suspense fallback={<p>Chargement…</p>}>
            <BackOffice />
          </Suspense>
        }
      />
      <Route path="*" element={<CandidatePortal />} />
    </Routes>
  );
}

function CandidatePortal() {
  return (
    <SessionProvider>
      <Layout>
        <Suspense fallback={<p>Chargement…</p>}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/creer-mon-compte" element={<SignUp />} />
            <Route path="/activation" element={<Activation />} />
            <Route path="/connexion" element={<Login />} />
            <Route path="/mot-de-passe-oublie" element={<ForgottenPassword />} />
            <Route path="/reinitialisation" element={<ResetPassword />} />
            <Route
              path="/mon-compte"
              element={
                <RequireAccount>
                  <MyAccount />
                </RequireAccount>
              }
            />
            <Route path="/aide" element={<Help />} />
            <Route path="/accessibilite" element={<Accessibility />} />
            <Route path="/mes-justificatifs" element={<RequireAccount><MesJustificatifs /></RequireAccount>} />
            <Route path="/mes-justificatifs/:id" element={<RequireAccount><PiecesPage /></RequireAccount>} />
            <Route path="/mes-documents" element={<RequireAccount><MesDocuments /></RequireAccount>} />
            <Route path="/mes-documents/:id" element={<RequireAccount><DocumentsPage /></RequireAccount>} />
            <Route path="/inscription" element={<RequireAccount><ChooseSession /></RequireAccount>} />
            <Route path="/inscription/:academy/:exam/:session" element={<RequireAccount><NewRegistration /></RequireAccount>} />
            <Route path="/mes-inscriptions" element={<RequireAccount><MyRegistrations /></RequireAccount>} />
            <Route path="/mes-inscriptions/:id" element={<RequireAccount><MyRegistration /></RequireAccount>} />
            <Route path="/mes-inscriptions/:id/modifier" element={<RequireAccount><EditRegistration /></RequireAccount>} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}
