// Every answer of the registration under its tab of the session's form, with the field's label
// and the chosen option's label.
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import type { FormFieldSpec } from "../../api/types";
import { displayAnswer } from "../../form/display";
import { shownFields, type FormSpec } from "../../form/visibility";
import type { Answers as AnswerMap } from "../../form/answers";

export function Answers({ form, answers }: { form: FormSpec; answers: AnswerMap }) {
  const tabs = form.tabs
    .map((t) => ({ t, fields: shownFields(t.fields as FormFieldSpec[], form, answers) }))
    .filter(({ fields }) => fields.length > 0)
    .map(({ t, fields }) => ({
      label: t.title,
      content: (
        <dl>
          {fields.map((f) => (
            <div key={f.id} className="fr-mb-2w">
              <dt className="fr-text--bold fr-mb-0">{f.label}</dt>
              <dd className="fr-ml-0">{displayAnswer(f, answers[f.id])}</dd>
            </div>
          ))}
        </dl>
      ),
    }));
  return (
    <section aria-labelledby="reponses-titre" className="fr-mb-6w">
      <h2 id="reponses-titre">Réponses</h2>
      <Tabs label="Onglets du formulaire d'inscription" tabs={tabs} />
    </section>
  );
}
