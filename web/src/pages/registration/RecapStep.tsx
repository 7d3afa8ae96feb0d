// The Récapitulatif tab: the identity, every answer under its tab, then what saving will
// entail: the pieces to provide and the managing office (from the rules' verdict).
import type { Account, SessionInfo, Verdict } from "../../api/types";
import { AnswersSummary } from "../../form/AnswersSummary";
import type { Answers } from "../../form/answers";
import { IdentitySummary } from "./IdentityBlock";
import { OfficeContact } from "./OfficeContact";
import { PiecesList } from "./PiecesList";

export function RecapStep({ session, account, answers, verdict }: { session: SessionInfo; account: Account; answers: Answers; verdict: Verdict | null }) {
  // Rules' errors on no field of the form (e.g. about the account's identity) are said here.
  const fieldIds = new Set(session.form.tabs.flatMap((t) => t.fields.map((f) => f.id)));
  const otherErrors = Object.entries(verdict?.errors ?? {}).filter(([id]) => !fieldIds.has(id));
  const contact = (session.contact as { name: string; phones: string[]; email: string } | undefined) ?? verdict?.pole ?? undefined;
  return (
    <>
      {otherErrors.length > 0 && (
        <div className="fr-alert fr-alert--warning fr-mb-4w">
          <h3 className="fr-alert__title">Votre inscription ne pourra pas être enregistrée en l'état</h3>
          <ul>
            {otherErrors.map(([id, message]) => (
              <li key={id}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <p>Vérifiez les informations saisies. Pour les corriger, revenez en arrière avec le bouton « Précédent ».</p>
      <IdentitySummary account={account} idPrefix="recap" />
      <AnswersSummary form={session.form} answers={answers} headingLevel={3} />
      {verdict && <PiecesList pieces={verdict.pieces} />}
      {contact && <OfficeContact contact={contact} />}
    </>
  );
}
