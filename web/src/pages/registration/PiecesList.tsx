// The supporting documents the rules ask for, each with what it must be.
import type { RequiredPiece } from "../../api/types";

export function PiecesList({ pieces, headingLevel = 3 }: { pieces: RequiredPiece[]; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  return (
    <section className="fr-mb-4w" aria-labelledby="pieces-a-fournir">
      <Heading id="pieces-a-fournir" className="fr-h5">
        Pièces justificatives à fournir
      </Heading>
      {pieces.length === 0 ? (
        <p>Aucune pièce justificative n'est demandée.</p>
      ) : (
        <ul>
          {pieces.map((p) => (
            <li key={p.code}>
              <span className="fr-text--bold">{p.label}</span>
              {!p.required && " (facultative)"}
              {p.explanation && <> : {p.explanation}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
