// The candidate's identity, address and contact (the address and phone are answers of the
// registration's form; the identity is the account's).
import { formatDay } from "../../form/display";
import { nationalityLabels } from "./labels";
import type { OfficeCandidate } from "./types";

export function Identity({ candidate, answers }: { candidate: OfficeCandidate; answers: Record<string, unknown> }) {
  const a = (k: string) => (typeof answers[k] === "string" ? (answers[k] as string) : "");
  const phone = a("phone") || candidate.phone || "";
  const rows: [string, string][] = [
    ["Nom", candidate.last_name],
    ["Prénom", candidate.first_name],
    ["Date de naissance", formatDay(candidate.birth_date)],
    ["Lieu de naissance", candidate.birth_place],
    ["Nationalité", nationalityLabels[candidate.nationality ?? ""] ?? "Non renseignée"],
    ["Adresse", [a("address"), a("address_complement"), `${a("postal_code")} ${a("city")}`.trim()].filter(Boolean).join(", ") || "Non renseignée"],
    ["Téléphone", phone || "Non renseigné"],
    ["Adresse mail du compte", candidate.email],
  ];
  if (a("contact_email")) rows.push(["Adresse mail de contact", a("contact_email")]);
  return (
    <section aria-labelledby="identite-candidat" className="fr-mb-6w">
      <h2 id="identite-candidat">Identité et coordonnées</h2>
      <dl className="fr-grid-row fr-grid-row--gutters">
        {rows.map(([label, value]) => (
          <div key={label} className="fr-col-12 fr-col-md-6">
            <dt className="fr-text--bold fr-mb-0">{label}</dt>
            <dd className="fr-ml-0">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
