// One required piece: its state, the office's reason when refused, its files (each removable
// while the piece is editable) and the form that adds files, with the limits said first.
import { Fragment, useRef, useState, type FormEvent } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import type { Piece, PieceFile, PieceSet } from "../../api/types";
import { formatDateTime } from "../../format";
import { removeFileModal } from "./RemoveFileModal";
import { acceptOf, formatName, formatSize, limitsHint, stateLabels } from "./pieceText";

export interface UploadProgress {
  code: string;
  fileName: string;
  fraction: number;
}

export const inputIdOf = (code: string) => `fichiers-${code}`;
export const headingIdOf = (code: string) => `piece-${code}`;

interface Props {
  piece: Piece;
  set: PieceSet;
  registrationId: string;
  timeZone: string;
  /** The refusals to show next to the field (the API's French messages). */
  errors: string[];
  progress: UploadProgress | null;
  busy: boolean;
  onUpload: (piece: Piece, files: File[]) => Promise<void>;
  onNoFile: (piece: Piece) => void;
  onRemove: (piece: Piece, file: PieceFile) => void;
}

export function PieceCard({ piece, set, registrationId, timeZone, errors, progress, busy, onUpload, onNoFile, onRemove }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const state = stateLabels[piece.state];
  const inputId = inputIdOf(piece.code);
  const mine = progress && progress.code === piece.code ? progress : null;
  const percent = mine ? Math.round(mine.fraction * 100) : 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (chosen.length === 0) return onNoFile(piece);
    await onUpload(piece, chosen);
    setChosen([]);
    if (input.current) input.current.value = "";
  }

  return (
    <section className="fr-card fr-card--no-arrow fr-mb-4w" aria-labelledby={headingIdOf(piece.code)}>
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h2 className="fr-card__title" id={headingIdOf(piece.code)} tabIndex={-1}>
            {piece.label}
          </h2>
          <div className="fr-card__start">
            <ul className="fr-badges-group">
              <li>
                <Badge severity={state.severity} noIcon={!state.severity} as="span">
                  {state.text}
                  <span className="fr-sr-only"> : {piece.label}</span>
                </Badge>
              </li>
              {!piece.required && piece.needed && (
                <li>
                  <Badge as="span">Facultative</Badge>
                </li>
              )}
            </ul>
          </div>
          {piece.explanation && <p className="fr-card__desc">{piece.explanation}</p>}
          {!piece.needed && (
            <p className="fr-card__desc">
              Cette pièce n'est plus demandée depuis la modification de votre inscription ; ses fichiers sont conservés.
            </p>
          )}
        </div>
        <div className="fr-card__footer">
          {piece.state === "rejected" && (
            <Alert
              className="fr-mb-2w"
              severity="error"
              small
              description={
                <>
                  Pièce refusée par le service gestionnaire. Motif : {piece.reason}
                  <br />
                  {piece.replaced
                    ? "Vous avez déposé un nouveau fichier : confirmez de nouveau avec « J'ai fourni toutes mes pièces »."
                    : "Déposez un nouveau fichier, puis confirmez de nouveau avec « J'ai fourni toutes mes pièces »."}
                </>
              }
            />
          )}
          <FileList
            piece={piece}
            registrationId={registrationId}
            timeZone={timeZone}
            removable={piece.editable && !busy}
            onRemove={onRemove}
          />
          {/* A piece no longer asked takes no new file (the API refuses it); its files can go. */}
          {piece.editable && piece.needed && (
            <form className="fr-mt-3w" onSubmit={submit} noValidate>
              <Upload
                label={
                  <>
                    Ajouter des fichiers<span className="fr-sr-only"> pour « {piece.label} »</span>
                  </>
                }
                hint={limitsHint(set, piece.files.length)}
                multiple
                disabled={busy}
                state={errors.length > 0 ? "error" : "default"}
                stateRelatedMessage={errors.map((m, i) => (
                  <Fragment key={i}>
                    {i > 0 && <br />}
                    {m}
                  </Fragment>
                ))}
                nativeInputProps={{
                  id: inputId,
                  ref: input,
                  accept: acceptOf(set.limits.accepted_types),
                  onChange: (e) => setChosen(Array.from(e.currentTarget.files ?? [])),
                }}
              />
              {/* Not disabled while sending: a disabled button would drop the keyboard focus. */}
              <Button type="submit" className="fr-mt-2w" iconId="fr-icon-upload-2-line" nativeButtonProps={{ "aria-disabled": busy }}>
                Ajouter<span className="fr-sr-only"> à « {piece.label} »</span>
              </Button>
              {mine && (
                <p className="fr-mt-2w fr-mb-0">
                  <label htmlFor={`progression-${piece.code}`}>Envoi de « {mine.fileName} » : </label>
                  <progress id={`progression-${piece.code}`} max={100} value={percent}>
                    {percent} %
                  </progress>{" "}
                  <span aria-hidden="true">{percent} %</span>
                </p>
              )}
            </form>
          )}
        </div>
      </div>
    </section>
  );
}

function FileList({
  piece,
  registrationId,
  timeZone,
  removable,
  onRemove,
}: {
  piece: Piece;
  registrationId: string;
  timeZone: string;
  removable: boolean;
  onRemove: (piece: Piece, file: PieceFile) => void;
}) {
  if (piece.files.length === 0) return <p className="fr-mb-0">Aucun fichier déposé pour cette pièce.</p>;
  return (
    <>
      <h3 className="fr-text--md fr-mb-1w">
        Fichiers déposés<span className="fr-sr-only"> pour « {piece.label} »</span>
      </h3>
      <ul>
        {piece.files.map((f) => (
          <li key={f.id} className="fr-mb-1w">
            <a
              className="fr-link"
              href={`/api/v1/registrations/${registrationId}/pieces/${piece.code}/files/${f.id}`}
              download={f.name}
            >
              {f.name}
            </a>{" "}
            – {formatName(f.content_type)}, {formatSize(f.size)}, déposé le {formatDateTime(f.uploaded_at, timeZone)}
            {removable && (
              <>
                {" "}
                <Button
                  priority="tertiary no outline"
                  size="small"
                  iconId="fr-icon-delete-line"
                  iconPosition="left"
                  // A DSFR disclosure of the dialog: it opens it, and gives the focus back on close.
                  nativeButtonProps={{ "aria-controls": removeFileModal.id, "data-fr-opened": false, id: `retirer-${f.id}` }}
                  onClick={() => onRemove(piece, f)}
                >
                  Retirer<span className="fr-sr-only"> « {f.name} »</span>
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
