// The reminder mail one candidate would get now, as the server writes it (GET …/reminder),
// shown under the list; focus moves to it, and back to its button when it is closed.
import { useEffect, useRef } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ReminderPreview as Preview } from "./types";

export function ReminderPreview({ who, preview, onClose }: { who: string; preview: Preview; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [preview]);
  return (
    <section aria-labelledby="apercu-titre" className="fr-card fr-card--no-arrow fr-mb-4w">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h2 id="apercu-titre" className="fr-card__title" tabIndex={-1} ref={heading}>
            Aperçu du courriel de relance pour {who}
          </h2>
          <dl className="fr-card__desc fr-mt-2w">
            <dt className="fr-text--bold">Destinataire</dt>
            <dd className="fr-ml-0 fr-mb-1w">{preview.to}</dd>
            <dt className="fr-text--bold">Objet</dt>
            <dd className="fr-ml-0 fr-mb-1w">{preview.subject}</dd>
            <dt className="fr-text--bold">Texte</dt>
            <dd className="fr-ml-0">
              <pre className="pilotage-mail">{preview.text}</pre>
            </dd>
          </dl>
        </div>
        <div className="fr-card__footer">
          <Button priority="secondary" onClick={onClose}>
            Fermer l'aperçu
          </Button>
        </div>
      </div>
    </section>
  );
}
