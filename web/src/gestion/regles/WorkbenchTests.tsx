// The draft's own test files: each replaces the folder's file of the same path (e.g.
// tests/fenetres.lua) or adds to them; Vérifier and the submission send them as `tests`.
import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { staffApi } from "../staffApi";
import { LuaEditor } from "./LuaEditor";
import type { TestFile } from "./WorkbenchTypes";

export function WorkbenchTests({
  files,
  onChange,
  faults,
  goTo,
}: {
  files: TestFile[];
  onChange: (files: TestFile[]) => void;
  /** path -> French message for a file the page refuses (an empty or repeated path). */
  faults: Record<number, string>;
  /** A line to show in one of the files (a failing case clicked in the faults). */
  goTo?: { path: string; line: number; seq: number };
}) {
  const [added, setAdded] = useState(0);
  const set = (i: number, file: TestFile) => onChange(files.map((f, j) => (j === i ? file : f)));
  // The folder's cases: a change that moves a date breaks the case that checks it, which the
  // editor takes into the draft to update rather than rewrite.
  const [folder, setFolder] = useState<TestFile[]>([]);
  const [picked, setPicked] = useState("");
  useEffect(() => {
    void staffApi.get<{ tests: TestFile[] }>("/api/v1/admin/rules/tests").then((r) => {
      if (r.ok) setFolder(r.data.tests.filter((t) => !t.path.startsWith("tests/lib/")));
    });
  }, []);
  const offered = folder.filter((t) => !files.some((f) => f.path.trim() === t.path));
  return (
    <>
      <p>
        Les cas de test du dossier des scripts s'appliquent au brouillon. Un fichier ajouté ici remplace celui du
        même chemin (par exemple <code>tests/fenetres.lua</code>) ou s'y ajoute.
      </p>
      {files.map((f, i) => (
        <div key={i} className="fr-mb-4w">
          <Input
            label="Chemin du fichier de cas de test"
            hintText="Par exemple tests/fenetres.lua"
            state={faults[i] ? "error" : "default"}
            stateRelatedMessage={faults[i]}
            nativeInputProps={{
              id: `cas-chemin-${i}`,
              value: f.path,
              autoFocus: i === files.length - 1 && added > 0,
              onChange: (e) => set(i, { ...f, text: f.text, path: e.currentTarget.value }),
            }}
          />
          <LuaEditor
            label={`Cas de test ${f.path || `n° ${i + 1}`}`}
            value={f.text}
            onChange={(text) => set(i, { ...f, text })}
            goTo={goTo && goTo.path === f.path.trim() ? goTo : undefined}
          />
          <Button
            type="button"
            priority="tertiary"
            size="small"
            className="fr-mt-1w"
            onClick={() => onChange(files.filter((_, j) => j !== i))}
          >
            Retirer le fichier {f.path || `n° ${i + 1}`}
          </Button>
        </div>
      ))}
      {offered.length > 0 && (
        <div className="fr-mb-3w">
          <Select
            label="Reprendre un fichier de cas de test du dossier"
            hint="Pour mettre à jour un cas que le brouillon fait échouer"
            nativeSelectProps={{ id: "cas-du-dossier", value: picked, onChange: (e) => setPicked(e.currentTarget.value) }}
          >
            <option value="">Choisir un fichier</option>
            {offered.map((t) => (
              <option key={t.path} value={t.path}>
                {t.path}
              </option>
            ))}
          </Select>
          <Button
            type="button"
            priority="secondary"
            size="small"
            disabled={!picked}
            onClick={() => {
              const file = folder.find((t) => t.path === picked);
              if (!file) return;
              setAdded((n) => n + 1);
              setPicked("");
              onChange([...files, { path: file.path, text: file.text }]);
            }}
          >
            Reprendre ce fichier dans le brouillon
          </Button>
        </div>
      )}
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-add-line"
        onClick={() => {
          setAdded((n) => n + 1);
          onChange([...files, { path: "tests/", text: "" }]);
        }}
      >
        Ajouter un fichier de cas de test
      </Button>
    </>
  );
}

/** The page's own checks of the test files: a path under tests/ ending in .lua, each once. */
export function testFileFaults(files: TestFile[]): Record<number, string> {
  const out: Record<number, string> = {};
  const seen = new Set<string>();
  files.forEach((f, i) => {
    const p = f.path.trim();
    if (!/^tests\/[^\s]+\.lua$/.test(p)) out[i] = "Indiquez un chemin sous tests/ qui finit par .lua, par exemple tests/fenetres.lua.";
    else if (seen.has(p)) out[i] = "Ce chemin est déjà donné par un autre fichier.";
    seen.add(p);
  });
  return out;
}
