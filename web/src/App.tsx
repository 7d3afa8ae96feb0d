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
void RequireAccount;

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <Suspense fallback={<p>Chargement…</p>}>
          <Routes>
            <Route path="/" element={<Home />} />
            {/* ACCOUNT-ROUTES */}
            {/* REGISTRATION-ROUTES */}
            {/* PIECES-ROUTES */}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}
