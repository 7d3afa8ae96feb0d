// The piece's files in the page: an image in <img>, a PDF in an <iframe>, both from guichet
// itself (?inline=1: the file's own type, Content-Disposition inline, a CSP that lets only this
// site frame it and runs no script). No sandbox attribute: Chromium refuses to show a PDF in a
// sandboxed frame; the file's own CSP is what keeps scripts out.
import type { Piece, PieceFile } from "./types";
import { formatName, formatSize } from "../../pages/pieces/pieceText";
import { formatDateTime } from "../../format";

export function fileUrl(registrationId: string, piece: Piece, file: PieceFile, inline: boolean) {
  return `/api/v1/admin/registrations/${registrationId}/pieces/${encodeURIComponent(piece.code)}/files/${file.id}${inline ? "?inline=1" : ""}`;
}

export function PieceViewer({ registrationId, piece }: { registrationId: string; piece: Piece }) {
  const count = piece.files.length;
  return (
    <>
      {piece.files.map((file, i) => {
        const src = fileUrl(registrationId, piece, file, true);
        const name = `« ${file.name} »${count > 1 ? ` (fichier ${i + 1} sur ${count})` : ""}`;
        return (
          <figure key={file.id} className="fr-content-media fr-mx-0 fr-my-3w">
            {file.content_type === "application/pdf" ? (
              <iframe src={src} style={{ width: "100%", height: "70vh", border: "1px solid var(--border-default-grey)" }} title={`Fichier ${name} de la pièce « ${piece.label} »`} />
            ) : (
              <img className="fr-responsive-img" style={{ maxHeight: "70vh", objectFit: "contain" }} src={src} alt={`Fichier ${name} de la pièce « ${piece.label} »`} />
            )}
            <figcaption className="fr-content-media__caption">
              {name} : {formatName(file.content_type)}, {formatSize(file.size)}, déposé le {formatDateTime(file.uploaded_at)}.{" "}
              <a className="fr-link fr-link--sm" href={fileUrl(registrationId, piece, file, false)} download={file.name}>
                Télécharger {name}
              </a>
            </figcaption>
          </figure>
        );
      })}
    </>
  );
}
