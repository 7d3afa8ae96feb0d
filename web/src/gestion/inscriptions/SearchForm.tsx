// The search form: name or numbers, exam, session, speciality, office, status, pieces, sort.
// Choices and their labels come from the live rules; submitting puts the filters in the URL.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { examLabel, type AcademyRules } from "./useAcademyRules";
import { piecesFilterLabels, sortLabels, statusLabels } from "./labels";
import type { Filters } from "./searchParams";

function unique<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

const pageSizes = ["20", "50", "100", "200"];

export function SearchForm({
  initial,
  initialLimit,
  rules,
  onSearch,
}: {
  initial: Filters;
  /** The page size in the URL ("" for the API's default, 50). */
  initialLimit: string;
  rules: AcademyRules | null;
  onSearch: (f: Filters, limit: string) => void;
}) {
  const [f, setF] = useState<Filters>(initial);
  const [limit, setLimit] = useState(initialLimit || "50");
  const sizes = pageSizes.includes(limit) ? pageSizes : [...pageSizes, limit].sort((a, b) => Number(a) - Number(b));
  const set = (name: keyof Filters) => (e: { target: { value: string } }) => setF((old) => ({ ...old, [name]: e.target.value }));
  const sessions = rules?.sessions ?? [];
  const exams = unique(sessions, (s) => s.exam);
  const ofExam = sessions.filter((s) => !f.exam || s.exam === f.exam);
  const sessionChoices = unique(ofExam, (s) => s.session).sort((a, b) => b.session.localeCompare(a.session));
  const ofSession = ofExam.filter((s) => !f.session || s.session === f.session);
  const specialities = unique(
    ofSession.flatMap((s) => s.specialities ?? []),
    (s) => s.code,
  ).sort((a, b) => a.label.localeCompare(b.label, "fr"));
  const poles = rules?.academy.poles ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(f, limit === "50" ? "" : limit);
  };

  return (
    <form onSubmit={submit} aria-labelledby="recherche-titre" className="fr-mb-4w">
      <h2 id="recherche-titre" className="fr-h4">
        Rechercher
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nom ou numéro"
            hintText="Début du nom, numéro d'inscription ou numéro de candidat"
            nativeInputProps={{ id: "filtre-q", name: "q", value: f.q, onChange: set("q"), autoComplete: "off" }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select label="Examen" nativeSelectProps={{ id: "filtre-examen", name: "exam", value: f.exam, onChange: set("exam") }}>
            <option value="">Tous les examens</option>
            {exams.map((s) => (
              <option key={s.exam} value={s.exam}>
                {examLabel(rules, s.exam)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Session" nativeSelectProps={{ id: "filtre-session", name: "session", value: f.session, onChange: set("session") }}>
            <option value="">Toutes les sessions</option>
            {sessionChoices.map((s) => (
              <option key={s.session} value={s.session}>
                {s.title ?? `Session ${s.session}`}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Spécialité"
            nativeSelectProps={{ id: "filtre-specialite", name: "speciality", value: f.speciality, onChange: set("speciality") }}
          >
            <option value="">Toutes les spécialités</option>
            {specialities.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Pôle" nativeSelectProps={{ id: "filtre-pole", name: "pole", value: f.pole, onChange: set("pole") }}>
            <option value="">Tous les pôles</option>
            {poles.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select label="Statut" nativeSelectProps={{ id: "filtre-statut", name: "status", value: f.status, onChange: set("status") }}>
            <option value="">Tous les statuts</option>
            {Object.entries(statusLabels).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select label="Pièces" nativeSelectProps={{ id: "filtre-pieces", name: "pieces", value: f.pieces, onChange: set("pieces") }}>
            <option value="">Tous les états des pièces</option>
            {Object.entries(piecesFilterLabels).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Inscriptions par page"
            nativeSelectProps={{ id: "filtre-taille", name: "limit", value: limit, onChange: (e) => setLimit(e.target.value) }}
          >
            {sizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select label="Trier par" nativeSelectProps={{ id: "filtre-tri", name: "sort", value: f.sort || "number", onChange: set("sort") }}>
            {Object.entries(sortLabels).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <Button type="submit">
            Rechercher
          </Button>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" to="/gestion/inscriptions" reloadDocument={false}>
            Effacer les filtres
          </Link>
        </li>
      </ul>
    </form>
  );
}
