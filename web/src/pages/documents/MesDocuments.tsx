// « Mes documents »: choose the registration (one only: straight to it).
import { RegistrationChooser } from "../../components/RegistrationChooser";
import { usePageTitle } from "../../usePageTitle";

export function MesDocuments() {
  usePageTitle("Mes documents");
  return (
    <>
      <h1>Mes documents</h1>
      <RegistrationChooser
        base="/mes-documents"
        intro="Sélectionnez la candidature dont vous voulez consulter les documents."
      />
    </>
  );
}
