// « Pièces à examiner » (/gestion/pieces): the queue of received pieces, one at a time, with its
// file shown in the page; accept, or refuse with a reason; then the next one comes.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ApiError } from "../../api/client";
import { formatDate } from "../../format";
import { staffApi } from "../staffApi";
import { useGestionTitle } from "../useGestionTitle";
import { PieceViewer } from "./PieceViewer";
import { RefuseForm } from "./RefuseForm";
import { Shortcuts } from "./Shortcuts";
import type { PieceSet } from "./types";
import { useReviewQueue } from "./useReviewQueue";
import { useReviewShortcuts, useShortcutsSwitch } from "./useReviewShortcuts";

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function Review() {
  useGestionTitle("Pièces à examiner");
  const queue = useReviewQueue();
  const { cursor } = queue;
  const [refusing, setRefusing] = useState(false);
  const [sending, setSending] = useState(false);
  const [said, setSaid] = useState("");
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [shortcutsOn, setShortcutsOn] = useShortcutsSwitch();
  const heading = useRef<HTMLHeadingElement>(null);
  const key = cursor ? `${cursor.registration.id}/${cursor.piece.code}` : "";

  // Another piece in view: its title takes the focus (not the first one the page opens on), the
  // refusal form closes.
  const previousKey = useRef("");
  useEffect(() => {
    setRefusing(false);
    setFailure(null);
    if (key && previousKey.current) heading.current?.focus();
    previousKey.current = key;
  }, [key]);

  const who = cursor ? `${cursor.registration.candidate.first_name} ${cursor.registration.candidate.last_name}` : "";

  const review = useCallback(
    async (verdict: "accepted" | "rejected", reason?: string): Promise<ApiError | null> => {
      if (!cursor || sending) return null;
      setSending(true);
      setFailure(null);
      const r = await staffApi.post<PieceSet>(
        `/api/v1/admin/registrations/${cursor.registration.id}/pieces/${encodeURIComponent(cursor.piece.code)}/review`,
        verdict === "accepted" ? { verdict } : { verdict, reason },
      );
      setSending(false);
      if (!r.ok) {
        if (verdict === "accepted") setFailure(r.error);
        return r.error;
      }
      setSaid(
        verdict === "accepted"
          ? `« ${cursor.piece.label} » de ${who} : acceptée.`
          : `« ${cursor.piece.label} » de ${who} : refusée. Le candidat est prévenu par mail.`,
      );
      setRefusing(false);
      await queue.reviewed(r.data);
      return null;
    },
    [cursor, sending, who, queue],
  );

  const actions = useMemo(
    () => ({
      accept: () => {
        if (!refusing) void review("accepted");
      },
      refuse: () => setRefusing(true),
      next: () => void queue.move("next"),
      previous: () => void queue.move("previous"),
    }),
    [refusing, review, queue],
  );
  useReviewShortcuts(shortcutsOn && !!cursor, actions);

  const inView = queue.inView;
  const position = cursor ? inView.findIndex((p) => p.code === cursor.piece.code) : -1;

  return (
    <>
      <h1>Pièces à examiner</h1>
      <p className="fr-text--lead" aria-live="polite">
        {queue.registrations === null
          ? "Chargement de la file…"
          : queue.waiting === 0
            ? "Aucune inscription n'a de pièce à examiner."
            : `${plural(queue.waiting, "inscription a", "inscriptions ont")} au moins une pièce reçue à examiner.`}
      </p>
      <Shortcuts on={shortcutsOn} onChange={setShortcutsOn} />
      <p role="status" className="fr-mb-2w">
        {said}
      </p>
      {queue.error && (
        <Alert severity="error" title="La file n'a pas pu être chargée" description={queue.error.message} className="fr-mb-3w" />
      )}
      {queue.registrations !== null && !cursor && !queue.error && (
        <Alert
          severity={queue.registrations.length ? "success" : "info"}
          title={queue.registrations.length ? "La file est parcourue" : "Aucune pièce à examiner"}
          description={
            <>
              <span>Les nouvelles pièces déposées par les candidats apparaîtront ici. </span>
              <Button priority="secondary" size="small" onClick={() => void queue.restart()}>
                Actualiser la file
              </Button>
            </>
          }
        />
      )}
      {cursor && (
        <section aria-labelledby="piece-titre">
          <p className="fr-text--sm fr-mb-1w">
            Inscription {cursor.index + 1} sur {queue.registrations!.length} dans la file
            {inView.length > 1 && position >= 0 ? ` ; pièce ${position + 1} sur ${inView.length} à examiner pour cette inscription` : ""}.
          </p>
          <h2 id="piece-titre" ref={heading} tabIndex={-1}>
            {cursor.piece.label}
          </h2>
          <dl className="fr-mb-2w">
            <dt className="fr-text--bold">Candidat</dt>
            <dd className="fr-ml-0">
              {cursor.registration.candidate.last_name} {cursor.registration.candidate.first_name}, né(e) le{" "}
              {formatDate(cursor.registration.candidate.birth_date)}
            </dd>
            <dt className="fr-text--bold">Inscription</dt>
            <dd className="fr-ml-0">
              <Link to={`/gestion/inscriptions/${cursor.registration.id}`}>n° {cursor.registration.registration_number}</Link>
            </dd>
            <dt className="fr-text--bold">Examen</dt>
            <dd className="fr-ml-0">
              {cursor.registration.exam_name ?? cursor.registration.exam}, {cursor.registration.session_title ?? `session ${cursor.registration.session}`}
            </dd>
          </dl>
          {cursor.piece.explanation && (
            <p>
              <span className="fr-text--bold">Pièce demandée : </span>
              {cursor.piece.explanation}
            </p>
          )}
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-lg-8">
              <PieceViewer registrationId={cursor.registration.id} piece={cursor.piece} />
            </div>
            <div className="fr-col-12 fr-col-lg-4">
              <h3 className="fr-h6 fr-mt-3w">Décision</h3>
              {failure && <Alert severity="error" small description={failure.message} className="fr-mb-2w" />}
              {queue.edge && (
                <p className="fr-info-text" role="status">
                  {queue.edge === "end" ? "C'est la dernière pièce de la file." : "C'est la première pièce de la file."}
                </p>
              )}
              {!refusing && (
                <ul className="fr-btns-group fr-btns-group--icon-left">
                  <li>
                    <Button iconId="fr-icon-check-line" onClick={() => void review("accepted")} disabled={sending}>
                      Accepter
                    </Button>
                  </li>
                  <li>
                    <Button iconId="fr-icon-close-line" priority="secondary" onClick={() => setRefusing(true)} disabled={sending}>
                      Refuser
                    </Button>
                  </li>
                </ul>
              )}
              {refusing && (
                <RefuseForm
                  pieceLabel={cursor.piece.label}
                  busy={sending}
                  onRefuse={(reason) => review("rejected", reason)}
                  onCancel={() => {
                    setRefusing(false);
                    heading.current?.focus();
                  }}
                />
              )}
              <ul className="fr-btns-group fr-btns-group--icon-left fr-mt-2w">
                <li>
                  <Button iconId="fr-icon-arrow-left-line" priority="tertiary" onClick={() => void queue.move("previous")} disabled={queue.busy}>
                    Pièce précédente
                  </Button>
                </li>
                <li>
                  <Button iconId="fr-icon-arrow-right-line" iconPosition="right" priority="tertiary" onClick={() => void queue.move("next")} disabled={queue.busy}>
                    Pièce suivante
                  </Button>
                </li>
              </ul>
            </div>
          </div>
        </section>
      )}
    </>
  );
}
