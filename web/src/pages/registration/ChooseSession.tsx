// M'inscrire: the sessions open now (GET /api/v1/services); the candidate picks one and the
// wizard opens. A session already registered to points to Mes inscriptions instead.
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Academy, OpenService, Registration } from "../../api/types";
import { ErrorSummary } from "../../components/ErrorSummary";
import { examName, formatDateTime } from "../../format";
import { usePageTitle } from "../../usePageTitle";
import { LoadError } from "./LoadError";
import { useLoad } from "./useLoad";

const key = (s: { academy: string; exam: string; session: string }) => `${s.academy}/${s.exam}/${s.session}`;

export function ChooseSession() {
  usePageTitle("M'inscrire");
  const navigate = useNavigate();
  const services = useLoad<{ services: OpenService[] }>("/api/v1/services");
  const academies = useLoad<{ academies: Academy[] }>("/api/v1/academies");
  const mine = useLoad<{ registrations: Registration[] }>("/api/v1/registrations");
  const [chosen, setChosen] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const names = Object.fromEntries((academies.data?.academies ?? []).map((a) => [a.code, a]));
  const registered = new Map((mine.data?.registrations ?? []).filter((r) => r.status === "registered").map((r) => [key(r), r]));
  const list = services.data?.services ?? [];

  return (
    <>
      <h1>M'inscrire</h1>
      <p className="fr-text--lead">Choisissez la session concernée parmi les sessions proposées.</p>
      <p>
        Vous devez vous inscrire dans l'académie de votre résidence. Les données de votre compte seront
        automatiquement reportées sur l'inscription et seront grisées.
      </p>
      {services.error && <LoadError error={services.error} />}
      {services.data && list.length === 0 && (
        <Alert
          severity="info"
          title="Aucun service n'est ouvert"
          description="Aucun service d'inscription n'est ouvert en ce moment. Consultez la rubrique « Ouverture des services » pour connaître les prochaines dates."
        />
      )}
      {list.length > 0 && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return setMissing(true);
            navigate(`/inscription/${chosen}`);
          }}
        >
          {missing && !chosen && (
            <ErrorSummary faults={[{ id: "session-0", label: "Session", message: "Choisissez une session." }]} />
          )}
          <RadioButtons
            id="session"
            name="session"
            legend="Session"
            state={missing && !chosen ? "error" : "default"}
            stateRelatedMessage={missing && !chosen ? "Choisissez une session." : undefined}
            options={list.map((s) => {
              const tz = names[s.academy]?.timezone ?? "Europe/Paris";
              const already = registered.get(key(s));
              return {
                label: `${examName(s.exam)} – ${s.title ?? `Session ${s.session}`} (${names[s.academy]?.name ?? s.academy})`,
                hintText: already
                  ? `Vous êtes déjà inscrit(e) à cette session (n° ${already.registration_number}) : consultez-la dans Mes inscriptions.`
                  : `Inscriptions jusqu'au ${formatDateTime(s.closes_at, tz)}.`,
                nativeInputProps: {
                  value: key(s),
                  checked: chosen === key(s),
                  disabled: Boolean(already),
                  onChange: () => setChosen(key(s)),
                },
              };
            })}
          />
          <Button type="submit" iconId="fr-icon-arrow-right-line" iconPosition="right">
            Commencer mon inscription
          </Button>
        </form>
      )}
      {registered.size > 0 && (
        <p className="fr-mt-4w">
          <Link to="/mes-inscriptions">Mes inscriptions</Link> : consulter ou modifier une inscription enregistrée.
        </p>
      )}
    </>
  );
}
