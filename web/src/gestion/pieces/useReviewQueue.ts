// The review queue: every registration with a piece received and not yet reviewed
// (GET /admin/registrations?pieces=to_review, all keyset pages), walked piece by piece. The
// pieces of the registration in view come from GET /admin/registrations/{id}/pieces, so a piece
// someone else reviewed meanwhile is skipped rather than shown.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "../../api/client";
import { staffApi } from "../staffApi";
import type { OfficeRegistration, Piece, PieceSet, RegistrationDetail, RegistrationPage } from "./types";

export interface Cursor {
  index: number; // in `registrations`
  registration: RegistrationDetail;
  set: PieceSet;
  piece: Piece;
}

export type Move = "next" | "previous";

const toReview = (set: PieceSet) => set.pieces.filter((p) => p.state === "received" && p.files.length > 0);

export function useReviewQueue() {
  const [registrations, setRegistrations] = useState<OfficeRegistration[] | null>(null);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  /** Said once the walk hits an end of the queue. */
  const [edge, setEdge] = useState<"start" | "end" | null>(null);
  const regs = useRef<OfficeRegistration[]>([]);

  const load = useCallback(async (index: number) => {
    const id = regs.current[index].id;
    const [set, reg] = await Promise.all([
      staffApi.get<PieceSet>(`/api/v1/admin/registrations/${id}/pieces`),
      staffApi.get<RegistrationDetail>(`/api/v1/admin/registrations/${id}`),
    ]);
    if (!set.ok) return { error: set.error };
    if (!reg.ok) return { error: reg.error };
    return { set: set.data, registration: reg.data };
  }, []);

  /** From registration `from` (included) in direction `step`, the first one with a piece to review. */
  const seek = useCallback(
    async (from: number, step: 1 | -1, last = false): Promise<Cursor | null | "error"> => {
      for (let i = from; i >= 0 && i < regs.current.length; i += step) {
        const got = await load(i);
        if ("error" in got && got.error) {
          setError(got.error);
          return "error";
        }
        const { set, registration } = got as { set: PieceSet; registration: RegistrationDetail };
        const pieces = toReview(set);
        if (pieces.length === 0) {
          setDone((d) => new Set(d).add(regs.current[i].id));
          continue;
        }
        return { index: i, registration, set, piece: last || step === -1 ? pieces[pieces.length - 1] : pieces[0] };
      }
      return null;
    },
    [load],
  );

  const start = useCallback(async () => {
    setBusy(true);
    setError(null);
    setEdge(null);
    setDone(new Set());
    const all: OfficeRegistration[] = [];
    let after: string | null = null;
    do {
      const r: Awaited<ReturnType<typeof staffApi.get<RegistrationPage>>> = await staffApi.get<RegistrationPage>(
        `/api/v1/admin/registrations?pieces=to_review&limit=500${after ? `&after=${encodeURIComponent(after)}` : ""}`,
      );
      if (!r.ok) {
        setError(r.error);
        setBusy(false);
        return;
      }
      all.push(...r.data.registrations);
      after = r.data.next;
    } while (after);
    regs.current = all;
    setRegistrations(all);
    const first = all.length ? await seek(0, 1) : null;
    if (first !== "error") setCursor(first);
    setBusy(false);
  }, [seek]);

  useEffect(() => {
    void start();
  }, [start]);

  /** Within the registration in view first, then on to the neighbouring registrations. */
  const move = useCallback(
    async (direction: Move, from: Cursor | null = cursor) => {
      if (!from || busy) return;
      setBusy(true);
      setEdge(null);
      const pieces = from.set.pieces;
      const at = pieces.findIndex((p) => p.code === from.piece.code);
      const step = direction === "next" ? 1 : -1;
      let found: Cursor | null | "error" = null;
      for (let j = at + step; j >= 0 && j < pieces.length; j += step) {
        const p = pieces[j];
        if (p.state === "received" && p.files.length > 0) {
          found = { ...from, piece: p };
          break;
        }
      }
      if (!found) found = await seek(from.index + step, step);
      if (found === "error") {
        setBusy(false);
        return;
      }
      if (found) setCursor(found);
      else if (from.piece.state !== "received") setCursor(null); // the last piece was just reviewed
      else setEdge(direction === "next" ? "end" : "start");
      setBusy(false);
    },
    [cursor, busy, seek],
  );

  /** A review's answer is the registration's pieces after it: the walk goes on from there. */
  const reviewed = useCallback(
    async (set: PieceSet) => {
      if (!cursor) return;
      const piece = set.pieces.find((p) => p.code === cursor.piece.code) ?? cursor.piece;
      const after: Cursor = { ...cursor, set, piece };
      if (toReview(set).length === 0) setDone((d) => new Set(d).add(cursor.registration.id));
      setCursor(after);
      await move("next", after);
    },
    [cursor, move],
  );

  const waiting = registrations ? registrations.filter((r) => !done.has(r.id)).length : 0;
  const inView = cursor ? toReview(cursor.set) : [];
  return { registrations, waiting, cursor, inView, error, busy, edge, move, reviewed, restart: start };
}
