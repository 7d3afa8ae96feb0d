// The live version's verdict beside the draft's: what changes said in words first, then each
// verdict (phase, validity, errors, pieces, office) with the file:line each item came from.
import { useEffect, useRef } from "react";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { FaultList } from "./FaultList";
import { parseWhere } from "./FaultSource";
import type { SimVerdict, SimulateResult } from "./WorkbenchTypes";

export const phaseLabels: Record<SimVerdict["phase"], string> = {
  before: "Pas encore ouvertes",
  open: "Ouvertes",
  closed: "Closes",
};

const dateLabels: Record<string, string> = {
  opens_at: "Ouverture des inscriptions",
  closes_at: "Clôture des inscriptions",
  edits_close_at: "Fin des modifications",
  deadline: "Date limite des pièces",
};

type Side = "live" | "draft";

const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "2024-11-20T19:00:00+01:00" as the académie's clock reads it: the wall time the API wrote
 * in the académie's zone (its offset beside it), so no zone is needed here. */
export function wallClock(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  return `${day === 1 ? "1er" : day} ${months[Number(m[2]) - 1]} ${m[1]} à ${m[4]}\u00a0h\u00a0${m[5]}`;
}

/** Where an item came from: a button to that line (the draft's file in the editor, the live
 * version's in its read-only view), or the text for a shared script. */
function Where({ where, side, draftFile, onGoTo }: { where?: string | null; side: Side; draftFile: string; onGoTo: (side: Side, line: number) => void }) {
  const at = parseWhere(where);
  if (!at) return null;
  if (at.file !== draftFile) return <> (<code>{where}</code>)</>;
  const target = side === "draft" ? "Aller dans l'éditeur à " : "Voir dans la version en service ";
  return (
    <>
      {" "}
      (
      <button type="button" className="fr-link" onClick={() => onGoTo(side, at.line)}>
        <span className="fr-sr-only">{target}</span>
        <code>{where}</code>
      </button>
      )
    </>
  );
}

function Changed({ show }: { show: boolean }) {
  return show ? (
    <>
      {" "}
      <Badge small severity="new" as="span">
        Modifié
      </Badge>
    </>
  ) : null;
}

/** What differs between the two verdicts, in words; empty when they agree. */
export function differencesOf(live: SimVerdict, draft: SimVerdict, labelOf: (field: string) => string): string[] {
  const out: string[] = [];
  if (live.phase !== draft.phase)
    out.push(`Inscriptions : « ${phaseLabels[live.phase]} » avec la version en service, « ${phaseLabels[draft.phase]} » avec le brouillon.`);
  if (live.valid !== draft.valid)
    out.push(
      live.valid
        ? "Ces réponses sont acceptées par la version en service et refusées par le brouillon."
        : "Ces réponses sont refusées par la version en service et acceptées par le brouillon.",
    );
  for (const [field, message] of Object.entries(draft.errors))
    if (live.errors[field] === undefined) out.push(`Erreur ajoutée par le brouillon sur « ${labelOf(field)} » : ${message}`);
    else if (live.errors[field] !== message) out.push(`Erreur changée sur « ${labelOf(field)} » : ${message}`);
  for (const field of Object.keys(live.errors))
    if (draft.errors[field] === undefined) out.push(`Erreur retirée par le brouillon sur « ${labelOf(field)} ».`);
  const livePieces = new Map(live.pieces.map((p) => [p.code, p]));
  const draftPieces = new Map(draft.pieces.map((p) => [p.code, p]));
  for (const p of draft.pieces) {
    const before = livePieces.get(p.code);
    if (!before) out.push(`Pièce demandée en plus par le brouillon : ${p.label}.`);
    else if (before.required !== p.required)
      out.push(`${p.label} devient ${p.required ? "obligatoire" : "facultative"} avec le brouillon.`);
  }
  for (const p of live.pieces) if (!draftPieces.has(p.code)) out.push(`Pièce que le brouillon ne demande plus : ${p.label}.`);
  for (const [name, value] of Object.entries(draft.dates ?? {})) {
    const before = live.dates?.[name];
    if (before && before !== value)
      out.push(`${dateLabels[name] ?? name} : le ${wallClock(before)} avec la version en service, le ${wallClock(value)} avec le brouillon.`);
  }
  if ((live.pole?.code ?? null) !== (draft.pole?.code ?? null))
    out.push(`Pôle gestionnaire : ${live.pole?.name ?? "aucun"} avec la version en service, ${draft.pole?.name ?? "aucun"} avec le brouillon.`);
  return out;
}

function VerdictColumn({
  verdict,
  other,
  side,
  draftFile,
  labelOf,
  onGoTo,
}: {
  verdict: SimVerdict;
  other: SimVerdict | null;
  side: Side;
  draftFile: string;
  labelOf: (field: string) => string;
  onGoTo: (side: Side, line: number) => void;
}) {
  const mark = side === "draft" && other !== null;
  const otherPieces = new Map((other?.pieces ?? []).map((p) => [p.code, p]));
  const dates = Object.entries(verdict.explain?.dates ?? {});
  const errors = Object.entries(verdict.errors);
  return (
    <>
      <p className="fr-mb-1w">
        <strong>Inscriptions : </strong>
        <Badge as="span" severity={verdict.phase === "open" ? "success" : "warning"} noIcon>
          {phaseLabels[verdict.phase]}
        </Badge>
        <Changed show={mark && other!.phase !== verdict.phase} />
      </p>
      {dates.length > 0 && (
        <ul className="fr-mb-2w">
          {dates.map(([name, where]) => (
            <li key={name}>
              {dateLabels[name] ?? name}
              {verdict.dates?.[name] && <> : {wallClock(verdict.dates[name])}</>}
              <Changed show={mark && !!verdict.dates?.[name] && other!.dates?.[name] !== verdict.dates[name]} />
              <Where where={where} side={side} draftFile={draftFile} onGoTo={onGoTo} />
            </li>
          ))}
        </ul>
      )}
      <p className="fr-mb-1w">
        <strong>Réponses : </strong>
        {verdict.valid ? "acceptées" : "refusées"}
        {verdict.wrong_academy && " (résidence hors de l'académie)"}
        <Changed show={mark && other!.valid !== verdict.valid} />
      </p>
      {errors.length > 0 && (
        <ul className="fr-mb-2w">
          {errors.map(([field, message]) => (
            <li key={field}>
              {labelOf(field)} : {message}
              <Where where={verdict.explain?.errors?.[field]} side={side} draftFile={draftFile} onGoTo={onGoTo} />
              <Changed show={mark && other!.errors[field] !== message} />
            </li>
          ))}
        </ul>
      )}
      <p className="fr-mb-1w">
        <strong>Pièces demandées : </strong>
        {verdict.pieces.length === 0 && "aucune"}
      </p>
      {verdict.pieces.length > 0 && (
        <ul className="fr-mb-2w">
          {verdict.pieces.map((p) => (
            <li key={p.code}>
              {p.label} ({p.required ? "obligatoire" : "facultative"})
              <Where where={verdict.explain?.pieces?.[p.code]} side={side} draftFile={draftFile} onGoTo={onGoTo} />
              <Changed show={mark && otherPieces.get(p.code)?.required !== p.required} />
            </li>
          ))}
        </ul>
      )}
      <p className="fr-mb-0">
        <strong>Pôle gestionnaire : </strong>
        {verdict.pole?.name ?? "aucun"}
        <Where where={verdict.explain?.pole} side={side} draftFile={draftFile} onGoTo={onGoTo} />
        <Changed show={mark && (other!.pole?.code ?? null) !== (verdict.pole?.code ?? null)} />
      </p>
    </>
  );
}

export function SimulatorVerdicts({
  result,
  draftFile,
  labelOf,
  onGoTo,
}: {
  result: SimulateResult;
  draftFile: string;
  labelOf: (field: string) => string;
  onGoTo: (side: Side, line: number) => void;
}) {
  const { live, draft, draft_faults } = result;
  const heading = useRef<HTMLHeadingElement>(null);
  // Each new result takes the focus: it is far below the button for a keyboard or screen reader.
  useEffect(() => heading.current?.focus(), [result]);
  const liveFaults = result.live_faults ?? [];
  const differences = live && draft ? differencesOf(live, draft, labelOf) : [];
  return (
    <section aria-labelledby="simulation-resultat" className="fr-mt-4w">
      <h3 id="simulation-resultat" tabIndex={-1} ref={heading}>
        Résultat de la simulation
      </h3>
      {live && draft && (
        <div className={`fr-alert ${differences.length ? "fr-alert--warning" : "fr-alert--info"} fr-mb-3w`}>
          <h4 className="fr-alert__title">
            {differences.length ? "Ce qui change avec le brouillon" : "Les deux versions donnent le même verdict"}
          </h4>
          {differences.length > 0 && (
            <ul>
              {differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-card fr-card--no-arrow fr-p-3w">
            <h4>Version en service</h4>
            {live ? (
              <VerdictColumn verdict={live} other={draft} side="live" draftFile={draftFile} labelOf={labelOf} onGoTo={onGoTo} />
            ) : liveFaults.length > 0 ? (
              <>
                <p>La version en service ne donne pas de verdict :</p>
                <FaultList faults={liveFaults} draft="" onGoTo={() => undefined} />
              </>
            ) : (
              <p className="fr-mb-0">La version en service ne connaît pas cette session.</p>
            )}
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-card fr-card--no-arrow fr-p-3w">
            <h4>Brouillon</h4>
            {draft ? (
              <VerdictColumn verdict={draft} other={live} side="draft" draftFile={draftFile} labelOf={labelOf} onGoTo={onGoTo} />
            ) : draft_faults.length > 0 ? (
              <>
                <p>Le brouillon ne donne pas de verdict :</p>
                <FaultList faults={draft_faults} draft={draftFile} onGoTo={(line) => onGoTo("draft", line)} />
              </>
            ) : (
              <p className="fr-mb-0">Le brouillon ne connaît pas cette session.</p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
