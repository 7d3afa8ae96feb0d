// The DSFR dialog that asks before a file is removed (DELETE cannot be undone).
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import type { Piece, PieceFile } from "../../api/types";

export const removeFileModal = createModal({ id: "retirer-fichier", isOpenedByDefault: false });

export function RemoveFileModal({
  target,
  onConfirm,
}: {
  target: { piece: Piece; file: PieceFile } | null;
  onConfirm: () => void;
}) {
  return (
    <removeFileModal.Component
      title="Retirer ce fichier ?"
      buttons={[
        { children: "Annuler", priority: "secondary" },
        { children: "Retirer le fichier", iconId: "fr-icon-delete-line", onClick: onConfirm },
      ]}
    >
      {target ? (
        <p>
          Le fichier « {target.file.name} » sera retiré de la pièce « {target.piece.label} ». Vous pourrez en déposer un
          autre tant que le dépôt est ouvert.
        </p>
      ) : (
        <p>Le fichier sera retiré.</p>
      )}
    </removeFileModal.Component>
  );
}
