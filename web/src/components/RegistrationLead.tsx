// Which registration a page is about, under its title: exam, session, registration number.
import { examName } from "../format";
import type { RegistrationContext } from "./useRegistrationContext";

export function RegistrationLead({ context }: { context: RegistrationContext | null }) {
  const reg = context?.registration;
  if (!reg) return null;
  return (
    <p className="fr-text--lead">
      {context.session?.exam_name ?? examName(reg.exam)} – {context.session?.title ?? `Session ${reg.session}`}
      <br />
      Inscription n° {reg.registration_number}
    </p>
  );
}
