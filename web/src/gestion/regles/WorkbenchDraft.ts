// The draft: the live version's text to start from, kept in this tab's sessionStorage (rules
// text, a note and test files: nothing secret) so that a reload loses nothing. A draft made
// from another live version is dropped rather than mixed with the new one.
import { useCallback, useEffect, useState } from "react";
import { staffApi } from "../staffApi";
import type { RuleVersionBrief, RuleVersionFull, TestFile } from "./WorkbenchTypes";

export interface Draft {
  script: string;
  note: string;
  tests: TestFile[];
}

interface Stored extends Draft {
  base: number;
}

const keyOf = (academy: string) => `guichet-atelier-brouillon:${academy}`;

function readStored(academy: string, base: number): Draft | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(keyOf(academy)) ?? "null") as Stored | null;
    if (s && s.base === base && typeof s.script === "string")
      return { script: s.script, note: s.note ?? "", tests: Array.isArray(s.tests) ? s.tests : [] };
  } catch {
    // an unreadable copy is ignored
  }
  return null;
}

export function forgetDraft(academy: string) {
  sessionStorage.removeItem(keyOf(academy));
}

export function useDraft(academy: string) {
  const [live, setLive] = useState<RuleVersionFull | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraftState] = useState<Draft | null>(null);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    void (async () => {
      const list = await staffApi.get<{ versions: RuleVersionBrief[] }>("/api/v1/admin/rules/versions");
      if (!list.ok) return setError(list.error.message);
      const active = list.data.versions.find((v) => v.state === "active");
      if (!active) return setError("Aucune version des règles n'est en service pour votre académie.");
      const one = await staffApi.get<RuleVersionFull>(`/api/v1/admin/rules/versions/${active.number}`);
      if (!one.ok) return setError(one.error.message);
      setLive(one.data);
      const kept = readStored(academy, one.data.number);
      setRestored(kept !== null);
      setDraftState(kept ?? { script: one.data.script, note: "", tests: one.data.tests ?? [] });
    })();
  }, [academy]);

  const setDraft = useCallback(
    (next: Draft) => {
      setDraftState(next);
      if (!live) return;
      const untouched = next.script === live.script && next.note === "" && next.tests.length === (live.tests ?? []).length;
      if (untouched) forgetDraft(academy);
      else sessionStorage.setItem(keyOf(academy), JSON.stringify({ ...next, base: live.number } satisfies Stored));
    },
    [academy, live],
  );

  const reset = useCallback(() => {
    if (!live) return;
    forgetDraft(academy);
    setRestored(false);
    setDraftState({ script: live.script, note: "", tests: live.tests ?? [] });
  }, [academy, live]);

  return { live, error, draft, setDraft, restored, reset };
}
