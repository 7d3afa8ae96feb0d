// The frame of every back-office page: skip links, the State header with the person, their
// académie and roles always in sight, the navigation their roles open, the idle warning.
import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "react-router";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useStaffSession } from "./StaffSession";
import { IdleWarning } from "./IdleWarning";
import { academyName, roleLabels, type Role } from "./staffApi";

interface NavEntry {
  text: string;
  to: string;
  roles: Role[];
}

// Each area of the back office and who may open it (the server checks again).
const areas: NavEntry[] = [
  { text: "Inscriptions", to: "/gestion/inscriptions", roles: ["manager", "auditor"] },
  { text: "Pièces à examiner", to: "/gestion/pieces", roles: ["manager"] },
  { text: "Documents", to: "/gestion/documents", roles: ["manager"] },
  { text: "Pilotage", to: "/gestion/pilotage", roles: ["manager", "auditor"] },
  { text: "Règles", to: "/gestion/regles", roles: ["rules_editor", "auditor", "manager"] },
  { text: "Journal", to: "/gestion/journal", roles: ["auditor", "admin"] },
  { text: "Équipe", to: "/gestion/equipe", roles: ["admin"] },
  { text: "État du service", to: "/gestion/service", roles: ["admin", "auditor"] },
];

export function GestionLayout({ children }: { children: ReactNode }) {
  const { me, logout } = useStaffSession();
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

  const here = (path: string) => location.pathname === path || location.pathname.startsWith(path + "/");
  const navigation = me
    ? [
        { text: "Accueil", linkProps: { to: "/gestion" }, isActive: location.pathname === "/gestion" },
        ...areas
          .filter((a) => a.roles.some((r) => me.roles.includes(r)))
          .map((a) => ({ text: a.text, linkProps: { to: a.to }, isActive: here(a.to) })),
      ]
    : [];

  const quickAccess = me
    ? [
        {
          iconId: "fr-icon-account-circle-line" as const,
          text: `${me.display_name} · ${academyName(me)}`,
          linkProps: { to: "/gestion" },
        },
        {
          iconId: "fr-icon-logout-box-r-line" as const,
          text: "Se déconnecter",
          buttonProps: {
            onClick: async () => {
              await logout();
              window.location.assign("/gestion/connexion?deconnecte=1");
            },
          },
        },
      ]
    : [{ iconId: "fr-icon-lock-line" as const, text: "Me connecter", linkProps: { to: "/gestion/connexion" } }];

  return (
    <>
      <SkipLinks
        links={[
          { anchor: "#contenu", label: "Contenu" },
          ...(me ? [{ anchor: "#en-tete-main-navigation", label: "Menu" }] : []),
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
        homeLinkProps={{ to: "/gestion", title: "Accueil – Gestion des inscriptions" }}
        serviceTitle="Gestion des inscriptions"
        serviceTagline="Espace des services d'examens des académies"
        quickAccessItems={quickAccess}
        navigation={navigation.length ? navigation : undefined}
        id="en-tete"
      />
      {me && (
        <section className="fr-container gestion-identity" aria-label="Votre session">
          <p className="fr-text--sm fr-mb-0">
            <span className="fr-sr-only">Connecté : </span>
            {me.display_name}, <strong>{academyName(me)}</strong>
          </p>
          <ul className="fr-badges-group" aria-label="Vos rôles">
            {me.roles.map((r) => (
              <li key={r}>
                <Badge small severity="info" noIcon>
                  {roleLabels[r] ?? r}
                </Badge>
              </li>
            ))}
          </ul>
        </section>
      )}
      {me && <IdleWarning />}
      <main id="contenu" className="portal-main" tabIndex={-1} ref={main}>
        <div className="fr-container fr-my-4w">{children}</div>
      </main>
      <Footer
        id="pied-de-page"
        accessibility="partially compliant"
        accessibilityLinkProps={{ to: "/accessibilite" }}
        contentDescription="La gestion des inscriptions permet aux services d'examens des académies de suivre les inscriptions, d'examiner les pièces justificatives, de publier les documents et de faire évoluer les règles de chaque session."
        bottomItems={[{ text: "Espace candidat", linkProps: { to: "/" } }]}
      />
    </>
  );
}
