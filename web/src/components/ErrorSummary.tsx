// The list of every fault of a form at its top, focused when it appears (RGAA 11.10): each
// entry links to its field. Fields show their own message too (the DSFR's state="error").
import { useEffect, useRef } from "react";

export interface FieldFault {
  id: string; // the input's id, the link's target
  label: string; // the field's label, as the person reads it
  message: string;
}

export function ErrorSummary({ title, faults, message }: { title?: string; faults: FieldFault[]; message?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (faults.length > 0 || message) box.current?.focus();
  }, [faults, message]);
  if (faults.length === 0 && !message) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-4w" role="alert" tabIndex={-1} ref={box}>
      <h2 className="fr-alert__title">{title ?? "Le formulaire contient des erreurs"}</h2>
      {message && <p>{message}</p>}
      {faults.length > 0 && (
        <ul>
          {faults.map((f) => (
            <li key={f.id}>
              <a href={`#${f.id}`}>
                {f.label} : {f.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
