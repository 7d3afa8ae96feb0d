// One pôle of an académie's exam office: its name, phones and address.
import type { Pole } from "../../api/types";

export function OfficeCard({ pole }: { pole: Pole }) {
  return (
    <div className="fr-card fr-card--no-arrow">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h4 className="fr-card__title">{pole.name}</h4>
          <div className="fr-card__desc">
            {pole.phones && pole.phones.length > 0 && (
              <p className="fr-mb-1w">
                Téléphone :{" "}
                {pole.phones.map((phone, i) => (
                  <span key={phone}>
                    {i > 0 && ", "}
                    <a href={`tel:${phone.replace(/[^0-9+]/g, "")}`}>{phone}</a>
                  </span>
                ))}
              </p>
            )}
            {pole.email && (
              <p className="fr-mb-0">
                Mail : <a href={`mailto:${pole.email}`}>{pole.email}</a>
              </p>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
