// The state of each piece of the registration, as the office reviews them.
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { Piece } from "../../api/types";
import { formatDateTime } from "../../format";
import { OfficeTable } from "./OfficeTable";
import { pieceStateLabels } from "./labels";
import type { OfficePieceSet } from "./types";

const severity = { missing: "info", received: "new", accepted: "success", rejected: "error", unneeded: undefined } as const;

export function PiecesState({ set, timeZone }: { set: OfficePieceSet; timeZone?: string }) {
  const state = (p: Piece) => (
    <>
      <Badge small noIcon severity={severity[p.state]}>
        {pieceStateLabels[p.state] ?? p.state}
      </Badge>
      {p.reason && <p className="fr-text--sm fr-mb-0">Motif : {p.reason}</p>}
    </>
  );
  return (
    <section aria-labelledby="pieces-titre" className="fr-mb-6w">
      <h2 id="pieces-titre">Pièces justificatives</h2>
      <p>
        {set.confirmed && set.confirmed_at
          ? `Le candidat a confirmé avoir fourni toutes ses pièces le ${formatDateTime(set.confirmed_at, timeZone)}.`
          : "Le candidat n'a pas encore confirmé avoir fourni toutes ses pièces."}
      </p>
      <OfficeTable
        id="pieces"
        caption="État des pièces"
        headers={["Pièce", "Demandée", "État", "Fichiers"]}
        rows={set.pieces.map((p) => [p.label, p.required ? "Obligatoire" : "Facultative", state(p), String(p.files.length)])}
        rowKeys={set.pieces.map((p) => p.code)}
        cellMinWidth="6rem"
      />
    </section>
  );
}
