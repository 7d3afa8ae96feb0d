// The review's shortcuts, listed where the person works, with the switch that turns them off.
import { ToggleSwitch } from "@codegouvfr/react-dsfr/ToggleSwitch";

export function Shortcuts({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <section className="fr-p-2w fr-mb-3w fr-background-alt--grey" aria-labelledby="raccourcis-titre">
      <h2 id="raccourcis-titre" className="fr-h6 fr-mb-1w">
        Raccourcis clavier
      </h2>
      <ToggleSwitch
        label="Activer les raccourcis clavier"
        helperText="Une seule touche, sans effet pendant la saisie dans un champ."
        inputTitle="Activer les raccourcis clavier"
        checked={on}
        onChange={onChange}
        showCheckedHint={false}
        labelPosition="left"
      />
      <ul className="fr-mt-1w fr-mb-0">
        <li>
          <kbd>A</kbd> : accepter la pièce
        </li>
        <li>
          <kbd>R</kbd> : refuser la pièce (choisir le motif)
        </li>
        <li>
          <kbd>S</kbd> ou <kbd>→</kbd> : pièce suivante
        </li>
        <li>
          <kbd>←</kbd> : pièce précédente
        </li>
      </ul>
    </section>
  );
}
