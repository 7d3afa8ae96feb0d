// The journal's filters: action (a family or one action), author, object, days. An admin picks
// the author from the team; an auditor, who cannot list the team, types the identifier.
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { stateOf, type Faults } from "../../pages/account/formFaults";
import { staffApi } from "../staffApi";
import { actionFamilies, actionLabels } from "./auditLabels";
import { emptyFilters, type JournalFilters } from "./journalQuery";
import type { StaffUser } from "./types";

export function JournalFilterForm({
  value,
  faults,
  onSubmit,
}: {
  value: JournalFilters;
  faults: Faults;
  onSubmit: (f: JournalFilters) => void;
}) {
  const [f, setF] = useState<JournalFilters>(value);
  const [team, setTeam] = useState<StaffUser[] | null>(null);

  useEffect(() => setF(value), [value]);
  useEffect(() => {
    void staffApi.get<{ users: StaffUser[] }>("/api/v1/admin/users").then((r) => setTeam(r.ok ? r.data.users : null));
  }, []);

  const set = (k: keyof JournalFilters) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...f, actor: f.actor.trim(), target: f.target.trim() });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="filtres-titre" className="fr-mb-4w">
      <h2 id="filtres-titre" className="fr-h4">
        Filtrer le journal
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Action"
            {...stateOf(faults, "action")}
            nativeSelectProps={{ id: "filtre-action", value: f.action, onChange: set("action") }}
          >
            <option value="">Toutes les actions</option>
            <optgroup label="Par famille">
              {actionFamilies.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Une action">
              {Object.entries(actionLabels).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </optgroup>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          {team ? (
            <Select
              label="Auteur"
              {...stateOf(faults, "actor")}
              nativeSelectProps={{ id: "filtre-auteur", value: f.actor, onChange: set("actor") }}
            >
              <option value="">Tous les auteurs</option>
              {team.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.display_name}
                </option>
              ))}
              <option value="system">Dossier des scripts (automatique)</option>
              <option value="cli">Ligne de commande du serveur</option>
            </Select>
          ) : (
            <Input
              label="Identifiant de l'auteur"
              hintText="Tel que le journal l'affiche sous le nom"
              {...stateOf(faults, "actor")}
              nativeInputProps={{ id: "filtre-auteur", value: f.actor, onChange: set("actor"), spellCheck: false }}
            />
          )}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Identifiant de l'objet"
            hintText="Une inscription, un compte, une version des règles…"
            {...stateOf(faults, "target")}
            nativeInputProps={{ id: "filtre-objet", value: f.target, onChange: set("target"), spellCheck: false }}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label="Du"
            hintText="Premier jour inclus"
            {...stateOf(faults, "from")}
            nativeInputProps={{ id: "filtre-du", type: "date", value: f.from, onChange: set("from") }}
          />
        </div>
        <div className="fr-col-6 fr-col-md-3">
          <Input
            label="Au"
            hintText="Dernier jour inclus"
            {...stateOf(faults, "to")}
            nativeInputProps={{ id: "filtre-au", type: "date", value: f.to, onChange: set("to") }}
          />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-2w">
        <li>
          <Button type="submit">
            Filtrer
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={() => onSubmit(emptyFilters)}>
            Effacer les filtres
          </Button>
        </li>
      </ul>
    </form>
  );
}
