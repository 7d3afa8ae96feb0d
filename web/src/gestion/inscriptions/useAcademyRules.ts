// The live rules of the staff member's académie: its offices, its sessions and each session's
// form and specialities (the public rules API). The search's choices and every label of a
// registration come from here, so a code is never shown without its French label.
import { useEffect, useState } from "react";
import type { AcademyOffices, SessionInfo } from "../../api/types";
import { examName } from "../../format";
import { staffApi } from "../staffApi";

export interface AcademyRules {
  academy: AcademyOffices;
  sessions: SessionInfo[];
}

const cache = new Map<string, Promise<AcademyRules | null>>();

async function load(code: string): Promise<AcademyRules | null> {
  const a = await staffApi.get<AcademyOffices>(`/api/v1/academies/${encodeURIComponent(code)}`);
  if (!a.ok) return null;
  const infos = await Promise.all(
    (a.data.sessions ?? []).map((s) =>
      staffApi.get<SessionInfo>(
        `/api/v1/academies/${encodeURIComponent(code)}/exams/${encodeURIComponent(s.exam)}/sessions/${encodeURIComponent(s.session)}`,
      ),
    ),
  );
  return { academy: a.data, sessions: infos.flatMap((r) => (r.ok ? [r.data] : [])) };
}

export function useAcademyRules(code: string | undefined): { rules: AcademyRules | null; failed: boolean } {
  const [state, setState] = useState<{ rules: AcademyRules | null; failed: boolean }>({ rules: null, failed: false });
  useEffect(() => {
    if (!code) return;
    let live = true;
    if (!cache.has(code)) cache.set(code, load(code));
    void cache.get(code)!.then((rules) => {
      if (!rules) cache.delete(code);
      if (live) setState({ rules, failed: !rules });
    });
    return () => {
      live = false;
    };
  }, [code]);
  return state;
}

export function examLabel(rules: AcademyRules | null, exam: string): string {
  return rules?.sessions.find((s) => s.exam === exam)?.exam_name ?? examName(exam);
}

export function sessionOf(rules: AcademyRules | null, exam: string, session: string): SessionInfo | undefined {
  return rules?.sessions.find((s) => s.exam === exam && s.session === session);
}

export function sessionLabel(rules: AcademyRules | null, exam: string, session: string): string {
  return sessionOf(rules, exam, session)?.title ?? `Session ${session}`;
}

export function specialityLabel(rules: AcademyRules | null, exam: string, session: string, code: string): string {
  const own = sessionOf(rules, exam, session)?.specialities?.find((s) => s.code === code);
  if (own) return own.label;
  for (const s of rules?.sessions ?? []) {
    const found = s.specialities?.find((x) => x.code === code);
    if (found) return found.label;
  }
  return code;
}

export function poleLabel(rules: AcademyRules | null, code: string): string {
  return rules?.academy.poles?.find((p) => p.code === code)?.name ?? code;
}
