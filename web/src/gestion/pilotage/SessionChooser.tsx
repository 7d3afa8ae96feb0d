// The session and exam the figures are about; submitting puts them in the URL (?session=&examen=),
// so a dashboard can be bookmarked and shared.
import { useState, type FormEvent, type ReactNode } from "react";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { SessionChoice } from "./types";

export function SessionChooser({
  choices,
  session,
  exam,
  onChoose,
  children,
}: {
  choices: SessionChoice[];
  session: string;
  exam: string;
  onChoose: (session: string, exam: string) => void;
  /** More fields of the same form (the relances' number of days). */
  children?: ReactNode;
}) {
  const [s, setS] = useState(session);
  const [e, setE] = useState(exam);
  const exams = choices.find((c) => c.session === s)?.exams ?? [];
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    onChoose(s, exams.some((x) => x.code === e) ? e : "");
  };
  return (
    <form onSubmit={submit} aria-labelledby="choix-titre" className="fr-mb-4w">
      <h2 id="choix-titre" className="fr-sr-only">
        Choisir la session
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Session" nativeSelectProps={{ id: "choix-session", name: "session", value: s, onChange: (ev) => setS(ev.target.value) }}>
            {choices.map((c) => (
              <option key={c.session} value={c.session}>
                Session {c.session}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Examen" nativeSelectProps={{ id: "choix-examen", name: "examen", value: e, onChange: (ev) => setE(ev.target.value) }}>
            <option value="">Tous les examens de la session</option>
            {exams.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </Select>
        </div>
        {children}
        <div className="fr-col-12 fr-col-md-auto fr-mb-3v">
          <Button type="submit">Afficher</Button>
        </div>
      </div>
    </form>
  );
}
