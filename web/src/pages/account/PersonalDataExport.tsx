// « Mes données personnelles » on « Modifier mon compte »: the right of access (RGPD art. 15)
// as one ZIP from GET /api/v1/me/export. A plain same-origin link: the HttpOnly session cookie
// goes with it, a GET needs no CSRF token, and the browser streams the file to disk instead of
// holding a possibly large archive in the page's memory.
import { Link } from "react-router";

export const exportUrl = "/api/v1/me/export";

export function PersonalDataExport() {
  return (
    <section aria-labelledby="titre-donnees">
      <h2 id="titre-donnees">Mes données personnelles</h2>
      <p>
        Vous pouvez télécharger en une fois toutes les données que l'espace candidat conserve sur vous : votre compte,
        vos inscriptions avec chacune de leurs versions et vos réponses, vos justificatifs déposés et les documents
        publiés par le service des examens. L'archive contient un fichier donnees.json, un fichier
        LISEZMOI.txt qui le décrit, et vos fichiers. Elle peut être volumineuse si vous avez déposé beaucoup de
        justificatifs.
      </p>
      <p>
        <a className="fr-link fr-link--download" href={exportUrl} download>
          Télécharger mes données (ZIP)
          <span className="fr-link__detail">Taille variable selon vos justificatifs</span>
        </a>
      </p>
      <p className="fr-text--sm">
        Pour faire corriger votre identité, contactez le service des examens de votre académie (page{" "}
        <Link to="/aide">J'ai besoin d'aide</Link>). Pour toute autre demande sur vos données (effacement, limitation,
        durée de conservation), écrivez au délégué à la protection des données de votre académie.
      </p>
    </section>
  );
}
