// « J'ai besoin d'aide »: the national notice's questions and answers, the exam offices of each
// académie (GET /api/v1/academies, then each one's pôles) and how to withdraw (désinscription).
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { api, type ApiError } from "../../api/client";
import type { Academy, AcademyOffices } from "../../api/types";
import { usePageTitle } from "../../usePageTitle";
import { OfficeCard } from "./OfficeCard";

export function Help() {
  usePageTitle("J'ai besoin d'aide");
  const [academies, setAcademies] = useState<AcademyOffices[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void (async () => {
      const list = await api.get<{ academies: Academy[] }>("/api/v1/academies");
      if (!list.ok) return setError(list.error);
      const details = await Promise.all(
        list.data.academies.map((a) => api.get<AcademyOffices>(`/api/v1/academies/${encodeURIComponent(a.code)}`)),
      );
      const failed = details.find((d) => !d.ok);
      if (failed && !failed.ok) setError(failed.error);
      setAcademies(details.flatMap((d) => (d.ok ? [d.data] : [])));
    })();
  }, []);

  return (
    <>
      <h1>J'ai besoin d'aide</h1>
      <section aria-labelledby="questions" className="fr-mb-6w">
        <h2 id="questions">Questions fréquentes</h2>
        <h3 className="fr-h5">Je ne peux pas accéder à mon compte</h3>
        <p>
          Avez-vous bien activé votre compte dans les 48 h en cliquant sur le lien présent dans le mail reçu lors de la
          création de votre compte ? Si ce n'est pas le cas, vous devez recommencer la{" "}
          <Link to="/creer-mon-compte">création du compte</Link> car les données sont perdues.
        </p>
        <h3 className="fr-h5">Je ne peux pas m'inscrire</h3>
        <p>
          Il faut vérifier que le service d'inscription est bien ouvert : pour cela, allez dans la rubrique{" "}
          <Link to="/">Ouverture des services</Link> de l'espace candidat (menu en haut de l'écran). Vous devez vous
          inscrire dans l'académie de votre résidence.
        </p>
        <h3 className="fr-h5">Je veux changer un élément de ma candidature</h3>
        <p>
          Pendant la période d'ouverture des registres d'inscription, vous pouvez vous connecter sur votre espace
          candidat et modifier les éléments de votre candidature : le numéro de version sera incrémenté de 1 (visible
          dans la rubrique « Mes documents », en cliquant sur la candidature). N'oubliez pas d'enregistrer vos
          modifications et de rééditer votre récapitulatif d'inscription.
        </p>
        <h3 className="fr-h5">Je veux changer mon adresse mail ou mon mot de passe</h3>
        <p>
          La modification de l'adresse mail ou du mot de passe se fait soit une fois connecté, depuis le lien «{" "}
          <Link to="/mon-compte">Modifier mon compte</Link> » visible sous votre nom en haut de l'écran, soit depuis la
          page de connexion par le lien «{" "}
          <Link to="/mot-de-passe-oublie">Mot de passe oublié, réinitialisation du mot de passe</Link> ».
        </p>
        <h3 className="fr-h5">Je ne peux pas changer mes informations personnelles, les champs sont grisés</h3>
        <p>
          La modification des données n'est plus possible dès lors que vous avez procédé à une inscription, même si vous
          vous êtes désinscrit. Il faut demander au gestionnaire du service des examens de procéder aux modifications
          (voir ses coordonnées ci-dessous). La modification de l'adresse mail et du mot de passe reste de votre ressort
          et est toujours possible.
        </p>
      </section>

      <section aria-labelledby="services" className="fr-mb-6w">
        <h2 id="services">Contacter le service des examens</h2>
        <p>
          Chaque inscription est gérée par un pôle du service des examens de l'académie. Le pôle qui gère la vôtre est
          indiqué à la fin de l'inscription, sur votre récapitulatif d'inscription et dans « Mes inscriptions ».
        </p>
        {error && (
          <Alert
            severity="error"
            small
            className="fr-mb-4w"
            description={`Les coordonnées des services ne peuvent pas être affichées. ${error.message}`}
          />
        )}
        {!academies && !error && <p role="status">Chargement des coordonnées…</p>}
        {academies?.map((a) => (
          <section key={a.code} aria-labelledby={`aide-${a.code}`} className="fr-mb-4w">
            <h3 id={`aide-${a.code}`}>{a.name}</h3>
            {a.postal_address && a.postal_address.length > 0 && (
              <p>
                <strong>Adresse postale :</strong>
                {a.postal_address.map((line) => (
                  <span key={line}>
                    <br />
                    {line}
                  </span>
                ))}
              </p>
            )}
            <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
              {(a.poles ?? []).map((p) => (
                <li key={p.code} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
                  <OfficeCard pole={p} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="desinscription">
        <h2 id="desinscription">Désinscription d'une candidature</h2>
        <p>
          Veuillez vous rapprocher du gestionnaire du service des examens de l'académie pour effectuer cette opération.
          Ce n'est pas possible via votre espace candidat.
        </p>
      </section>
    </>
  );
}
