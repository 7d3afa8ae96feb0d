// What one audit entry changed, in words: for a change, only the fields that moved (before →
// after); for a creation or a removal, what was there.
import { fieldLabel, valueText } from "./auditLabels";
import type { AuditEntry } from "./types";

export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (keys.length === 0) return <span>—</span>;
  if (entry.before && entry.after) {
    const moved = keys.filter((k) => valueText(k, before[k]) !== valueText(k, after[k]));
    if (moved.length === 0) return <span>Aucun changement</span>;
    return (
      <ul className="fr-text--sm fr-mb-0">
        {moved.map((k) => (
          <li key={k}>
            <strong>{fieldLabel(k)}</strong> : <span className="fr-sr-only">avant, </span>
            <del>{valueText(k, before[k])}</del> → <span className="fr-sr-only">après, </span>
            <ins>{valueText(k, after[k])}</ins>
          </li>
        ))}
      </ul>
    );
  }
  const shown = entry.after ?? before;
  return (
    <>
      {!entry.after && <p className="fr-text--sm fr-mb-1w">Retiré :</p>}
      <ul className="fr-text--sm fr-mb-0">
        {Object.keys(shown).map((k) => (
          <li key={k}>
            <strong>{fieldLabel(k)}</strong> : {valueText(k, shown[k])}
          </li>
        ))}
      </ul>
    </>
  );
}
