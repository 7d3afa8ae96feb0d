// « Modifier mon compte » (/mon-compte, behind RequireAccount): login details, identity, then
// « Mes données personnelles » (the export of everything held about the candidate).
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { IdentityForm } from "./IdentityForm";
import { LoginDetailsForm } from "./LoginDetailsForm";
import { PersonalDataExport } from "./PersonalDataExport";

export function MyAccount() {
  usePageTitle("Modifier mon compte");
  const { account } = useSession();
  if (!account) return null; // RequireAccount sends the visitor to the login page first
  return (
    <>
      <h1>Modifier mon compte</h1>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <LoginDetailsForm account={account} />
          <hr className="fr-mt-6w" />
          <IdentityForm account={account} />
          <hr className="fr-mt-6w" />
          <PersonalDataExport />
        </div>
      </div>
    </>
  );
}
