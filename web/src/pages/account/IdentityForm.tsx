// « Modifier mon compte », second part: the identity, changeable until the first registration;
// greyed after, with the office to write to (the managing pôle of the candidate's registrations).
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../../api/client";
import type { Account, RegistrationOffice } from "../../api/types";
import { ErrorSummary } from "../../components/ErrorSummary";
import { useSession } from "../../session";
import { required, splitApiError, summaryOf, type Faults } from "./formFaults";
import { dateFault, fromIsoDate, identityFields, toIsoDate, type Identity } from "./identity";
import { IdentityInputs } from "./IdentityInputs";
import { SavedNotice } from "./SavedNotice";

function identityOf(a: Account): Identity {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    last_name: a.last_name,
    first_name: a.first_name,
    birth_date: fromIsoDate(a.birth_date),
    birth_place: a.birth_place,
    nationality: text(a.nationality),
    phone: text(a.phone),
  };
}

export function IdentityForm({ account }: { account: Account }) {
  const { refresh } = useSession();
  const locked = account.personal_data_locked === true;
  const [identity, setIdentity] = useState<Identity>(() => identityOf(account));
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [sending, setSending] = useState(false);
  const [offices, setOffices] = useState<string[] | null>(null);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, identityFields), [faults]);

  // Once locked, the values shown are the account's (the office may have corrected them).
  useEffect(() => {
    if (locked) setIdentity(identityOf(account));
  }, [locked, account]);

  useEffect(() => {
    if (!locked) return;
    void api.get<{ registrations: RegistrationOffice[] }>("/api/v1/registrations").then((r) => {
      if (!r.ok) return setOffices([]);
      const emails = r.data.registrations.map((x) => x.pole?.email).filter((e): e is string => !!e);
      setOffices([...new Set(emails)]);
    });
  }, [locked]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    const before = identityOf(account);
    const changed: Record<string, string> = Object.fromEntries(
      identityFields.filter((f) => identity[f.name].trim() !== before[f.name]).map((f) => [f.name, identity[f.name].trim()]),
    );
    setSaved(false);
    if (changed.birth_date !== undefined) {
      const iso = toIsoDate(changed.birth_date);
      if (!iso) {
        setFaults({ birth_date: changed.birth_date ? dateFault : required });
        setMessage(undefined);
        return;
      }
      changed.birth_date = iso;
    }
    if (Object.keys(changed).length === 0) {
      setFaults({});
      setMessage("Vous n'avez modifié aucune information.");
      return;
    }
    setSending(true);
    const r = await api.patch<Account>("/api/v1/me", changed);
    setSending(false);
    if (!r.ok) {
      const split = splitApiError(r.error, identityFields);
      setFaults(split.faults);
      setMessage(split.message);
      if (r.error.code === "personal_data_locked") await refresh();
      return;
    }
    setFaults({});
    setMessage(undefined);
    setSaved(true);
    await refresh();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-identite">
      <h2 id="titre-identite">Informations personnelles</h2>
      {locked ? (
        <div className="fr-callout fr-mb-4w" id="identite-verrouillee">
          <h3 className="fr-callout__title fr-h6">Ces informations ne sont plus modifiables ici</h3>
          <p className="fr-callout__text fr-text--md">
            Vous avez enregistré une inscription à un examen : vos données personnelles ne peuvent plus être modifiées
            depuis votre espace candidat, même si vous vous êtes désinscrit par la suite. Pour signaler un changement à
            apporter à ces données, contactez le service des examens
            {offices && offices.length > 0 ? (
              <>
                {" "}
                (
                {offices.map((mail, i) => (
                  <span key={mail}>
                    {i > 0 && ", "}
                    <a href={`mailto:${mail}`}>{mail}</a>
                  </span>
                ))}
                ).
              </>
            ) : (
              <>
                {" "}
                de votre académie (voir la page <Link to="/aide">J'ai besoin d'aide</Link>).
              </>
            )}
          </p>
          <p className="fr-callout__text fr-text--md">
            La modification de l'adresse mail et du mot de passe reste possible ci-dessus.
          </p>
        </div>
      ) : (
        <p>
          Ces informations sont modifiables tant que vous n'avez pas créé d'inscription. Dès que vous avez enregistré une
          inscription à un examen, même si vous vous êtes désinscrit par la suite, vous devrez contacter le service des
          examens pour signaler un changement.
        </p>
      )}
      <ErrorSummary key={attempt.current} faults={summary} message={message} />
      {saved && <SavedNotice title="Vos informations personnelles ont été enregistrées" />}
      <fieldset className="fr-fieldset" aria-describedby={locked ? "identite-verrouillee" : undefined}>
        <legend className="fr-sr-only">Votre identité</legend>
        <div className="fr-fieldset__element">
          <IdentityInputs value={identity} onChange={setIdentity} faults={faults} disabled={locked} />
        </div>
      </fieldset>
      {!locked && (
        <Button type="submit" disabled={sending}>
          Enregistrer mes informations
        </Button>
      )}
    </form>
  );
}
