// The managing office the candidate writes or calls: name, phones, e-mail.
import type { Contact } from "../../api/types";

export function OfficeContact({ contact, headingLevel = 3 }: { contact: Partial<Contact> & { name?: string }; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  return (
    <section className="fr-mb-4w" aria-labelledby="service-gestionnaire">
      <Heading id="service-gestionnaire" className="fr-h5">
        Service gestionnaire
      </Heading>
      <p className="fr-mb-1w fr-text--bold">{contact.name}</p>
      {contact.phones && contact.phones.length > 0 && (
        <p className="fr-mb-1w">
          Téléphone :{" "}
          {contact.phones.map((p, i) => (
            <span key={p}>
              {i > 0 && ", "}
              <a href={`tel:${p.replace(/[^0-9+]/g, "")}`}>{p}</a>
            </span>
          ))}
        </p>
      )}
      {contact.email && (
        <p>
          Courriel : <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </p>
      )}
    </section>
  );
}
