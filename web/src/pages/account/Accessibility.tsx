// « Déclaration d'accessibilité », after the RGAA 4.1 model: partially compliant until an
// audit; what was checked and how; contact; « Voies de recours ».
import { Link } from "react-router";
import { usePageTitle } from "../../usePageTitle";

export function Accessibility() {
  usePageTitle("Déclaration d'accessibilité");
  return (
    <>
      <h1>Déclaration d'accessibilité</h1>
      <p>
        L'académie qui met à votre disposition cet espace candidat s'engage à rendre ses sites internet, intranet,
        extranet et ses progiciels accessibles conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d'accessibilité s'applique à l'<strong>espace candidat – Inscriptions aux examens
        professionnels</strong>.
      </p>

      <h2>État de conformité</h2>
      <p>
        L'espace candidat est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de
        l'accessibilité (RGAA), version 4.1. Il le restera tant qu'un audit de conformité complet n'aura pas été
        réalisé.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit de conformité n'a encore été réalisé. Les vérifications faites par l'équipe de développement, à
        chaque modification de l'espace candidat, portent sur toutes ses pages et sur les états que le parcours d'un
        candidat atteint (formulaires vides, erreurs affichées, confirmations) :
      </p>
      <ul>
        <li>
          contrôles automatiques avec l'outil axe-core, sur les critères des WCAG 2.0 et 2.1 de niveaux A et AA : aucune
          anomalie relevée ;
        </li>
        <li>
          navigation au clavier seul : liens d'évitement, ordre de tabulation, focus visible, focus placé sur le résumé
          des erreurs d'un formulaire ;
        </li>
        <li>affichage sur un écran de 360 pixels de large, sans défilement horizontal ;</li>
        <li>agrandissement du texte à 200 %.</li>
      </ul>
      <p>
        Ces vérifications ne remplacent pas un audit : elles ne couvrent pas, par exemple, la pertinence des
        alternatives textuelles ni la restitution par chaque lecteur d'écran.
      </p>

      <h2>Contenus non accessibles</h2>
      <p>
        Les documents au format PDF (récapitulatif d'inscription, convocation et autres documents publiés par le service
        des examens) n'ont pas été vérifiés au regard du RGAA. Si l'un d'eux ne vous est pas accessible, le service des
        examens peut vous en communiquer le contenu sous une autre forme.
      </p>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 1er décembre 2026.</p>
      <h3 className="fr-h6">Technologies utilisées pour la réalisation de l'espace candidat</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS, avec le système de design de l'État (DSFR)</li>
        <li>JavaScript (React)</li>
      </ul>
      <h3 className="fr-h6">Environnement de test</h3>
      <p>
        Navigateur Chromium piloté par Playwright, avec axe-core, sur des fenêtres de 1280 et de 360 pixels de large.
      </p>

      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le service des examens de
        votre académie pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme. Ses
        coordonnées (téléphone et adresse mail de chaque pôle) sont sur la page{" "}
        <Link to="/aide#services">J'ai besoin d'aide</Link>.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou une fonctionnalité de
        l'espace candidat, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part,
        vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits.
      </p>
      <p>Plusieurs moyens sont à votre disposition :</p>
      <ul>
        <li>
          écrire un message au Défenseur des droits, par le{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a> ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits dans votre région (
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues">liste des délégués du Défenseur des droits</a>) ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :
          <br />
          Défenseur des droits
          <br />
          Libre réponse 71120
          <br />
          75342 Paris CEDEX 07
        </li>
      </ul>
    </>
  );
}
