// The frame of every page: skip links, the State header with the person's quick access, the
// main content (focused on each navigation so screen readers start there), the footer.
import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "react-router";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { useSession } from "./session";

export function Layout({ children }: { children: ReactNode }) {
  const { account, logout } = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const quickAccess = account
    ? [
        {
          iconId: "fr-icon-account-circle-line" as const,
          text: `${account.first_name} ${account.last_name}`,
          linkProps: { to: "/mon-compte" },
        },
        {
          iconId: "fr-icon-logout-box-r-line" as const,
          text: "Se déconnecter",
          buttonProps: {
            onClick: async () => {
              await logout();
              // A full load, not navigate(): a router navigation is a transition, so the render
              // without account came first and RequireAccount sent a protected page to
              // /connexion?retour=... instead. A reload also drops every page's in-memory state.
              window.location.assign("/connexion?deconnecte=1");
            },
          },
        },
      ]
    : [
        { iconId: "fr-icon-lock-line" as const, text: "Me connecter", linkProps: { to: "/connexion" } },
        { iconId: "fr-icon-account-line" as const, text: "Créer mon compte", linkProps: { to: "/creer-mon-compte" } },
      ];

  const here = (path: string) => location.pathname === path || location.pathname.startsWith(path + "/");
  const navigation = [
    { text: "Ouverture des services", linkProps: { to: "/" }, isActive: location.pathname === "/" },
    ...(account
      ? [
          { text: "M'inscrire", linkProps: { to: "/inscription" }, isActive: here("/inscription") },
          { text: "Mes inscriptions", linkProps: { to: "/mes-inscriptions" }, isActive: here("/mes-inscriptions") },
          { text: "Mes documents", linkProps: { to: "/mes-documents" }, isActive: here("/mes-documents") },
          { text: "Mes justificatifs", linkProps: { to: "/mes-justificatifs" }, isActive: here("/mes-justificatifs") },
        ]
      : []),
    { text: "J'ai besoin d'aide", linkProps: { to: "/aide" }, isActive: here("/aide") },
  ];

  return (
    <>
      <SkipLinks
        links={[
          { anchor: "#contenu", label: "Contenu" },
          { anchor: "#en-tete-main-navigation", label: "Menu" },
          { anchor: "#pied-de-page", label: "Pied de page" },
        ]}
      />
      <Header
        brandTop={
          <>
            RÉPUBLIQUE
            <br />
            FRANÇAISE
          </>
        }
        homeLinkProps={{ to: "/", title: "Accueil – Espace candidat" }}
        serviceTitle="Espace candidat"
        serviceTagline="Inscriptions aux examens professionnels"
        quickAccessItems={quickAccess}
        navigation={navigation}
        id="en-tete"
      />
      <main id="contenu" className="portal-main" tabIndex={-1} ref={main}>
        <div className="fr-container fr-my-6w">{children}</div>
      </main>
      <Footer
        id="pied-de-page"
        accessibility="partially compliant"
        accessibilityLinkProps={{ to: "/accessibilite" }}
        contentDescription="L'espace candidat permet de s'inscrire aux examens professionnels (CAP, baccalauréat professionnel, BP, CS) pendant les périodes d'ouverture du service, de suivre ses inscriptions, de déposer ses pièces justificatives et de retrouver ses documents."
        bottomItems={[{ text: "J'ai besoin d'aide", linkProps: { to: "/aide" } }]}
      />
    </>
  );
}
