// « Mot de passe oublié »: the API answers 202 whatever the address, so the page says a mail
// went if the address has an account (a reset link, or a new activation link).
import { useMemo, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { usePageTitle } from "../../usePageTitle";
import { required, splitApiError, summaryOf, type Faults, type FieldSpec } from "./formFaults";
import { EmailField } from "./EmailField";
import { useFocusOnMount } from "./useFocusOnMount";

const fields: FieldSpec[] = [{ name: "email", id: "email", label: "Adresse mail" }];

export function ForgottenPassword() {
  const [email, setEmail] = useState("");
  const [faults, setFaults] = useState<Faults>({});
  const [message, setMessage] = useState<string>();
  const [sent, setSent] = useState<{ email: string; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const attempt = useRef(0);
  const summary = useMemo(() => summaryOf(faults, fields), [faults]);
  usePageTitle(
    sent ? "Mail envoyé – Mot de passe oublié" : summary.length || message ? "Erreur – Mot de passe oublié" : "Mot de passe oublié",
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    attempt.current += 1;
    if (!email.trim()) {
      setFaults({ email: required });
      setMessage(undefined);
      return;
    }
    setSending(true);
    const r = await api.post<{ message: string }>("/api/v1/auth/password-reset", { email: email.trim() });
    setSending(false);
    if (r.ok) {
      setSent({ email: email.trim(), text: r.data.message });
      return;
    }
    const split = splitApiError(r.error, fields);
    setFaults(split.faults);
    setMessage(split.message);
  }

  if (sent) return <Sent email={sent.email} text={sent.text} />;

  return (
    <>
      <h1>Mot de passe oublié, réinitialisation du mot de passe</h1>
      <ErrorSummary key={attempt.current} title="La demande n'a pas pu être faite" faults={summary} message={message} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <p>
            Saisissez l'adresse mail de votre compte. Vous recevrez un mail avec un lien vous permettant de créer un
            nouveau mot de passe. Si votre compte n'est pas encore activé, vous recevrez à la place un nouveau lien
            d'activation.
          </p>
          <form onSubmit={submit} noValidate>
            <EmailField hint="Format attendu : nom@domaine.fr" faults={faults} value={email} onChange={setEmail} />
            <Button type="submit" disabled={sending}>
              Recevoir le lien
            </Button>
          </form>
          <p className="fr-mt-4w">
            <Link to="/connexion">Retour à la connexion</Link>
          </p>
        </div>
      </div>
    </>
  );
}

function Sent({ email, text }: { email: string; text: string }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Consultez votre messagerie
      </h1>
      <div className="fr-alert fr-alert--success fr-mb-4w">
        <h2 className="fr-alert__title">Demande enregistrée pour {email}</h2>
        <p>{text}</p>
      </div>
      <p>
        Le lien reçu n'est valable que peu de temps : utilisez-le rapidement. Si vous ne recevez rien, vérifiez
        l'adresse saisie et le dossier des courriers indésirables, puis refaites une demande quelques minutes plus tard.
      </p>
      <Link className="fr-btn fr-btn--secondary" to="/connexion">
        Retour à la connexion
      </Link>
    </>
  );
}
