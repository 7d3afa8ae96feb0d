// « Mes justificatifs »: choose the registration (one only: straight to it).
import { RegistrationChooser } from "../../components/RegistrationChooser";
import { usePageTitle } from "../../usePageTitle";

export function MesJustificatifs() {
  usePageTitle("Mes justificatifs");
  return (
    <>
      <h1>Mes justificatifs</h1>
      <RegistrationChooser
        base="/mes-justificatifs"
        intro="Sélectionnez la candidature pour laquelle vous déposez vos pièces justificatives."
      />
    </>
  );
}
