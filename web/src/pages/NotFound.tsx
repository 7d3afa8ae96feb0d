import { Link } from "react-router";
import { usePageTitle } from "../usePageTitle";

export function NotFound() {
  usePageTitle("Page non trouvée");
  return (
    <>
      <h1>Page non trouvée</h1>
      <p className="fr-text--lead">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
      <p>
        Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus
        disponible.
      </p>
      <Link className="fr-btn" to="/">
        Page d'accueil
      </Link>
    </>
  );
}
