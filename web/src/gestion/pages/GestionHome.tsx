// The back office's home: what each of the person's roles opens, in words.
import { Link } from "react-router";
import { useStaffSession } from "../StaffSession";
import { useGestionTitle } from "../useGestionTitle";
import { academyName, type Role } from "../staffApi";

const tiles: { to: string; title: string; text: string; roles: Role[] }[] = [
  { to: "/gestion/inscriptions", title: "Inscriptions", text: "Rechercher, consulter, exporter ; désinscrire, corriger l'identité, accorder une dérogation.", roles: ["manager", "auditor"] },
  { to: "/gestion/pilotage", title: "Pilotage", text: "Le tableau de bord de la session en graphiques : inscriptions, pièces, file d'examen, courriels ; relances.", roles: ["manager", "auditor"] },
  { to: "/gestion/pieces", title: "Pièces à examiner", text: "Les pièces reçues, à accepter ou à refuser avec un motif.", roles: ["manager"] },
  { to: "/gestion/documents", title: "Documents", text: "Publier un document, ou un lot de PDF nommés par numéro d'inscription.", roles: ["manager"] },
  { to: "/gestion/regles", title: "Règles", text: "Les versions des règles de l'académie ; écrire, vérifier, simuler, mesurer l'impact, activer.", roles: ["rules_editor", "auditor", "manager"] },
  { to: "/gestion/journal", title: "Journal", text: "Toutes les actions, filtrées et exportables.", roles: ["auditor", "admin"] },
  { to: "/gestion/equipe", title: "Équipe", text: "Inviter, changer les rôles, désactiver un compte.", roles: ["admin"] },
  { to: "/gestion/service", title: "État du service", text: "Base de données, règles, extensions.", roles: ["admin", "auditor"] },
];

export function GestionHome() {
  const { me } = useStaffSession();
  useGestionTitle("Accueil");
  if (!me) return null;
  const mine = tiles.filter((t) => t.roles.some((r) => me.roles.includes(r)));
  return (
    <>
      <h1>Bonjour {me.display_name}</h1>
      <p>{academyName(me)}. Voici ce que vos rôles vous ouvrent.</p>
      <ul className="fr-grid-row fr-grid-row--gutters gestion-tiles">
        {mine.map((t) => (
          <li key={t.to} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-tile fr-enlarge-link">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <h2 className="fr-tile__title">
                    <Link to={t.to}>{t.title}</Link>
                  </h2>
                  <p className="fr-tile__desc">{t.text}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
