// The N° inscription step: the numbers, the managing office, the récapitulatif to keep, what
// comes next.
import { Link } from "react-router";
import type { Registration, SessionInfo } from "../../api/types";
import { NextSteps } from "./NextSteps";
import { OfficeContact } from "./OfficeContact";
import { RegistrationDownloads } from "./RegistrationDownloads";

export function NumbersStep({ registration, session }: { registration: Registration; session: SessionInfo }) {
  const contact = registration.contact ?? { name: registration.pole.name ?? "", phones: registration.pole.phones ?? [], email: registration.pole.email ?? "" };
  return (
    <>
      <div className="fr-alert fr-alert--success fr-mb-4w">
        <h3 className="fr-alert__title">Votre inscription est enregistrée</h3>
        <p>Vous allez recevoir un courriel de confirmation. Conservez vos numéros : ils vous seront demandés.</p>
      </div>
      <dl className="fr-mb-4w">
        <div className="fr-mb-2w">
          <dt className="fr-text--bold fr-mb-0">Numéro candidat</dt>
          <dd className="fr-ml-0 fr-text--lead" data-testid="numero-candidat">
            {registration.candidate_number}
          </dd>
        </div>
        <div className="fr-mb-2w">
          <dt className="fr-text--bold fr-mb-0">Numéro d'inscription</dt>
          <dd className="fr-ml-0 fr-text--lead" data-testid="numero-inscription">
            {registration.registration_number}
          </dd>
        </div>
      </dl>
      <OfficeContact contact={contact} />
      <section className="fr-mb-4w" aria-labelledby="recapitulatif-a-imprimer">
        <h3 id="recapitulatif-a-imprimer" className="fr-h5">
          Récapitulatif d'inscription
        </h3>
        <p>
          Il est indispensable de télécharger et/ou d'imprimer votre récapitulatif d'inscription : une fois le service
          d'inscription clôturé, il ne sera plus possible d'y accéder.
        </p>
        <RegistrationDownloads registration={registration} />
      </section>
      <NextSteps session={session} registrationId={registration.id} />
      <p>
        <Link to={`/mes-inscriptions/${registration.id}`}>Voir mon inscription dans « Mes inscriptions »</Link>
      </p>
    </>
  );
}
