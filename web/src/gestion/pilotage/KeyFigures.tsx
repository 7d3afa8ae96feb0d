// The few numbers read first: registrations, withdrawals, pieces waiting for review (and for how
// long), mails that failed.
import { formatDateTime } from "../../format";
import { count, plural, sinceInWords } from "./labels";
import type { Dashboard } from "./types";

function Figure({ value, text }: { value: string; text: string }) {
  return (
    <li className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
      <div className="fr-tile fr-tile--sm">
        <div className="fr-tile__body">
          <div className="fr-tile__content">
            <p className="fr-tile__title pilotage-figure">{value}</p>
            <p className="fr-tile__desc">{text}</p>
          </div>
        </div>
      </div>
    </li>
  );
}

export function KeyFigures({ d }: { d: Dashboard }) {
  const q = d.review_queue;
  return (
    <section aria-labelledby="chiffres-cles" className="fr-mb-6w">
      <h2 id="chiffres-cles" className="fr-h4">
        Chiffres clés
      </h2>
      <ul className="fr-grid-row fr-grid-row--gutters gestion-tiles">
        <Figure value={count(d.registrations.total)} text={d.registrations.total > 1 ? "inscriptions en cours" : "inscription en cours"} />
        <Figure value={count(d.registrations.withdrawn)} text={d.registrations.withdrawn > 1 ? "désinscriptions, à part" : "désinscription, à part"} />
        <Figure
          value={count(q.count)}
          text={
            q.count === 0 || !q.oldest_uploaded_at
              ? "pièce à examiner"
              : `${q.count > 1 ? "pièces à examiner" : "pièce à examiner"}, la plus ancienne ${sinceInWords(q.oldest_uploaded_at, d.as_of)}`
          }
        />
        <Figure value={count(d.mails.failed)} text={d.mails.failed > 1 ? "courriels en échec" : "courriel en échec"} />
      </ul>
      {q.count > 0 && q.oldest_uploaded_at && (
        <p className="fr-text--sm">
          File d'examen des pièces : {plural(q.count, "pièce")} en attente, la plus ancienne déposée le{" "}
          {formatDateTime(q.oldest_uploaded_at, d.timezone)} ({sinceInWords(q.oldest_uploaded_at, d.as_of)}).
        </p>
      )}
    </section>
  );
}
