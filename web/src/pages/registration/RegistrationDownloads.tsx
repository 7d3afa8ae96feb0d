// The files of a registration: the récapitulatif (PDF) and its deadlines for an agenda (.ics).
import type { Registration } from "../../api/types";
import { registrationPath } from "./labels";

export function RegistrationDownloads({
  registration,
  calendar = false,
  summaryGone,
}: {
  registration: Registration;
  calendar?: boolean;
  /** Why the récapitulatif can no longer be downloaded (after the close), if it cannot. */
  summaryGone?: string | null;
}) {
  const base = registrationPath(registration.id);
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
      {summaryGone ? (
        <li>
          <p className="fr-text--sm">{summaryGone}</p>
        </li>
      ) : (
        <li>
          <a className="fr-btn fr-btn--secondary fr-icon-download-line" href={`${base}/recapitulatif.pdf`} download>
            Visualiser/imprimer
            <span className="fr-sr-only"> le récapitulatif d'inscription, version {registration.version} (PDF)</span>
          </a>
        </li>
      )}
      {calendar && (
        <li>
          <a className="fr-btn fr-btn--tertiary fr-icon-calendar-line" href={`${base}/calendar.ics`} download>
            Ajouter les échéances à mon agenda
            <span className="fr-sr-only"> (fichier iCalendar)</span>
          </a>
        </li>
      )}
    </ul>
  );
}
