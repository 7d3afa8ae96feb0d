// The rules' verdict on the answers as they are typed: POST .../evaluate, debounced, answers
// that arrive out of order ignored. `now()` skips the wait (Suivant, Enregistrer) and resolves
// with the verdict on the current answers, or null when the service could not be asked.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import type { Verdict } from "../../api/types";
import type { AnswerValue } from "../../form/answers";

const delayMs = 400;

export function useVerdict(path: string, sent: Record<string, AnswerValue>, identity?: Record<string, string>) {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [judged, setJudged] = useState<string | null>(null);
  const seq = useRef(0);
  const first = useRef(true);
  const body = JSON.stringify(identity ? { answers: sent, identity } : { answers: sent });

  const run = useCallback(async (): Promise<Verdict | null> => {
    const mine = ++seq.current;
    const asked = body;
    const r = await api.post<Verdict>(`${path}/evaluate`, JSON.parse(asked));
    const latest = mine === seq.current;
    if (!r.ok) {
      if (latest) setFailed(r.error.message);
      return null;
    }
    if (latest) {
      setFailed(null);
      setVerdict(r.data);
      setJudged(asked);
    }
    return r.data;
  }, [path, body]);

  useEffect(() => {
    // The first verdict (is the service open?) is asked at once; later ones once typing pauses.
    const t = setTimeout(() => void run(), first.current ? 0 : delayMs);
    first.current = false;
    return () => clearTimeout(t);
  }, [run]);

  const lastRun = useRef(run);
  lastRun.current = run;
  const now = useCallback(() => lastRun.current(), []);
  // fresh: the verdict is on the answers as they are now (not on those before the last change).
  return { verdict, failed, now, fresh: judged === body };
}
