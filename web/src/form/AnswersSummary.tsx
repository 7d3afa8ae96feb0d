// Every shown answer of a form under its tab's title, with the field's label and the answer as
// a person reads it (option labels, Oui/Non): the récapitulatif.
import type { FormFieldSpec } from "../api/types";
import type { Answers } from "./answers";
import { displayAnswer } from "./display";
import { shownFields, type FormSpec } from "./visibility";

export function AnswersSummary({ form, answers, headingLevel = 3 }: { form: FormSpec; answers: Answers; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  return (
    <>
      {form.tabs.map((t) => {
        const fields = shownFields(t.fields as FormFieldSpec[], form, answers);
        if (fields.length === 0) return null;
        return (
          <section key={t.id} className="fr-mb-4w" aria-labelledby={`recap-${t.id}`}>
            <Heading id={`recap-${t.id}`} className="fr-h5">
              {t.title}
            </Heading>
            <dl>
              {fields.map((f) => (
                <div key={f.id} className="fr-mb-2w">
                  <dt className="fr-text--bold fr-mb-0">{f.label}</dt>
                  <dd className="fr-ml-0">{displayAnswer(f, answers[f.id])}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
