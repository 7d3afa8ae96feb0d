// The identity the account already gives, greyed (seed: "seront automatiquement reportées sur
// l'inscription et seront grisées"): shown, never asked again, changed from Modifier mon compte.
import { Link } from "react-router";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Account } from "../../api/types";
import { formatDay } from "../../form/display";
import { nationalityLabels } from "./labels";

export function identityRows(account: Account): [string, string][] {
  return [
    ["Nom", account.last_name],
    ["Prénom", account.first_name],
    ["Date de naissance", formatDay(account.birth_date)],
    ["Lieu de naissance", account.birth_place],
    ["Nationalité", nationalityLabels[account.nationality ?? ""] ?? account.nationality ?? ""],
  ];
}

export function IdentityBlock({ account }: { account: Account }) {
  return (
    <fieldset className="fr-fieldset fr-mb-4w" aria-labelledby="identite-legende">
      <legend id="identite-legende" className="fr-fieldset__legend">
        Identité
        <span className="fr-hint-text">
          Ces informations viennent de votre compte et sont reportées sur l'inscription.{" "}
          {account.personal_data_locked ? (
            <>Pour les corriger, contactez le service des examens de votre académie.</>
          ) : (
            <>
              Pour les corriger, passez par <Link to="/mon-compte">Modifier mon compte</Link> avant d'enregistrer.
            </>
          )}
        </span>
      </legend>
      {identityRows(account).map(([label, value], i) => (
        <div key={label} className="fr-fieldset__element">
          <Input label={label} disabled nativeInputProps={{ id: `identite-${i}`, value, readOnly: true }} />
        </div>
      ))}
    </fieldset>
  );
}

// The same identity as read-only text, in a récapitulatif (the wizard's, Mon inscription's).
export function IdentitySummary({ account, idPrefix }: { account: Account; idPrefix: string }) {
  return (
    <section className="fr-mb-4w" aria-labelledby={`${idPrefix}-identite`}>
      <h3 id={`${idPrefix}-identite`} className="fr-h5">
        Identité
      </h3>
      <dl>
        {identityRows(account).map(([label, value]) => (
          <div key={label} className="fr-mb-2w">
            <dt className="fr-text--bold fr-mb-0">{label}</dt>
            <dd className="fr-ml-0">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
