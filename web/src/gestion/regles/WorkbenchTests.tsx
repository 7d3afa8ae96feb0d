// The draft's own test files: each replaces the folder's file of the same path (e.g.
// tests/fenetres.lua) or adds to them; Vérifier and the submission send them as `tests`.
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
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
