// The pieces of an upload session: the deadline at the top, each piece, and « J'ai fourni
// toutes mes pièces ». Refusals (the API's French messages) are shown next to their piece and
// summarised at the top, where focus moves.
import { useRef, useState } from "react";
import { useIsModalOpen } from "@codegouvfr/react-dsfr/Modal/useIsModalOpen";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api, uploadFile } from "../../api/client";
import type { Piece, PieceFile, PieceSet } from "../../api/types";
import { ErrorSummary, type FieldFault } from "../../components/ErrorSummary";
import { formatDateTime } from "../../format";
import { PieceCard, headingIdOf, inputIdOf, type UploadProgress } from "./PieceCard";
import { RemoveFileModal, removeFileModal } from "./RemoveFileModal";

interface Summary {
  title: string;
  message?: string;
  faults: FieldFault[];
}

export function PieceSetView({ registrationId, initial, timeZone }: { registrationId: string; initial: PieceSet; timeZone: string }) {
  const [set, setSet] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [toRemove, setToRemove] = useState<{ piece: Piece; file: PieceFile } | null>(null);
  const base = `/api/v1/registrations/${encodeURIComponent(registrationId)}/pieces`;
  // The dialog closed (Annuler, Échap, Fermer): the focus goes back to the button that opened it.
  const opener = useRef<string | null>(null);
  useIsModalOpen(removeFileModal, { onConceal: () => opener.current && document.getElementById(opener.current)?.focus() });

  async function reload() {
    const r = await api.get<PieceSet>(base);
    if (r.ok) setSet(r.data);
  }

  function showFaults(title: string, faults: FieldFault[], message?: string) {
    setSummary({ title, faults, message });
  }

  async function upload(piece: Piece, files: File[]) {
    setBusy(true);
    setStatus("");
    setSummary(null);
    const refused: string[] = [];
    const added: string[] = [];
    for (const file of files) {
      setProgress({ code: piece.code, fileName: file.name, fraction: 0 });
      const r = await uploadFile(`${base}/${encodeURIComponent(piece.code)}`, file, (fraction) =>
        setProgress({ code: piece.code, fileName: file.name, fraction }),
      );
      if (r.ok) {
        setSet(r.data as PieceSet);
        added.push(file.name);
      } else {
        refused.push(files.length > 1 ? `« ${file.name} » : ${r.error.message}` : r.error.message);
      }
    }
    setProgress(null);
    setBusy(false);
    // Fields show what the summary lists: this action's refusals only.
    setErrors(refused.length ? { [piece.code]: refused } : {});
    if (added.length > 0)
      setStatus(
        added.length === 1
          ? `« ${added[0]} » a été ajouté à « ${piece.label} ».`
          : `${added.length} fichiers ont été ajoutés à « ${piece.label} ».`,
      );
    if (refused.length > 0)
      showFaults(
        refused.length === 1 ? "Un fichier n'a pas été ajouté" : `${refused.length} fichiers n'ont pas été ajoutés`,
        // One entry per piece (its field is the link's target), every refusal in it.
        [{ id: inputIdOf(piece.code), label: piece.label, message: refused.join(" ") }],
      );
  }

  function noFile(piece: Piece) {
    const message = "Choisissez au moins un fichier à ajouter.";
    setErrors({ [piece.code]: [message] });
    showFaults("Aucun fichier choisi", [{ id: inputIdOf(piece.code), label: piece.label, message }]);
  }

  function askRemove(piece: Piece, file: PieceFile) {
    opener.current = `retirer-${file.id}`;
    setToRemove({ piece, file }); // the button itself opens the dialog
  }

  async function remove() {
    if (!toRemove) return;
    const { piece, file } = toRemove;
    setBusy(true);
    setSummary(null);
    setErrors({});
    const r = await api.del(`${base}/${encodeURIComponent(piece.code)}/files/${encodeURIComponent(file.id)}`);
    await reload();
    setBusy(false);
    setToRemove(null);
    if (r.ok) {
      setStatus(`« ${file.name} » a été retiré de « ${piece.label} ».`);
      document.getElementById(headingIdOf(piece.code))?.focus();
    } else {
      showFaults("Le fichier n'a pas été retiré", [], r.error.message);
    }
  }

  async function confirm() {
    setBusy(true);
    setStatus("");
    setSummary(null);
    setErrors({});
    const r = await api.post<PieceSet>(`${base}/confirm`);
    setBusy(false);
    if (r.ok) {
      setSet(r.data);
      setErrors({});
      setStatus("Vous avez confirmé avoir fourni toutes vos pièces.");
      window.scrollTo(0, 0);
      document.getElementById("pieces-etat")?.focus();
      return;
    }
    const fields = r.error.fields ?? {};
    if (r.error.code === "pieces_missing") {
      setErrors(Object.fromEntries(Object.entries(fields).map(([code, m]) => [code, [m]])));
      // The API says each "Pièce manquante : <label>"; the summary reads the same sentence.
      const order = (code: string) => set.pieces.findIndex((p) => p.code === code);
      const missing = Object.entries(fields).sort(([a], [b]) => order(a) - order(b));
      const faults = missing.map(([code, m]) => {
        const [what, ...rest] = m.split(" : ");
        const label = set.pieces.find((p) => p.code === code)?.label ?? code;
        return rest.length ? { id: inputIdOf(code), label: what, message: rest.join(" : ") } : { id: inputIdOf(code), label, message: m };
      });
      showFaults("Vous ne pouvez pas encore confirmer", faults, r.error.message);
    } else {
      showFaults("La confirmation n'a pas été enregistrée", [], r.error.message);
      await reload();
    }
  }

  const reopened = set.pieces.some((p) => p.state === "rejected");
  const canConfirm = !set.frozen || reopened;

  return (
    <>
      {summary && <ErrorSummary title={summary.title} faults={summary.faults} message={summary.message} />}
      <div id="pieces-etat" tabIndex={-1}>
        <DeadlineNotice set={set} timeZone={timeZone} />
      </div>
      <p>
        Conformément à la réglementation en vigueur et à la demande du service examens et concours, vous devez fournir
        les pièces justificatives indiquées dans l'annexe de votre récapitulatif d'inscription. Une pièce peut compter
        plusieurs fichiers (par exemple le recto et le verso d'une pièce d'identité).
      </p>
      {/* Always in the page, so that screen readers announce what goes in. */}
      <div role="status" id="pieces-annonce">
        {status && (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-4w">
            <p>{status}</p>
          </div>
        )}
      </div>
      {set.pieces.map((p) => (
        <PieceCard
          key={p.code}
          piece={p}
          set={set}
          registrationId={registrationId}
          timeZone={timeZone}
          errors={errors[p.code] ?? []}
          progress={progress}
          busy={busy}
          onUpload={upload}
          onNoFile={noFile}
          onRemove={askRemove}
        />
      ))}
      {canConfirm && (
        <section aria-labelledby="confirmer-titre" className="fr-mt-6w">
          <h2 id="confirmer-titre">Confirmer le dépôt</h2>
          <p>
            Quand vous avez déposé toutes les pièces demandées, confirmez-le. Vos pièces ne pourront plus être modifiées,
            sauf si le service gestionnaire en refuse une.
          </p>
          <Button onClick={confirm} disabled={busy} iconId="fr-icon-check-line">
            J'ai fourni toutes mes pièces
          </Button>
        </section>
      )}
      <RemoveFileModal target={toRemove} onConfirm={remove} />
    </>
  );
}

function DeadlineNotice({ set, timeZone }: { set: PieceSet; timeZone: string }) {
  if (set.confirmed && set.confirmed_at)
    return (
      <Alert
        className="fr-mb-4w"
        severity="success"
        title="Vous avez fourni toutes vos pièces"
        description={`Vous avez confirmé avoir fourni toutes vos pièces le ${formatDateTime(set.confirmed_at, timeZone)}. Elles ne peuvent plus être modifiées, sauf si le service gestionnaire en refuse une.`}
      />
    );
  if (set.deadline_passed)
    return (
      <Alert
        className="fr-mb-4w"
        severity="warning"
        title="Le dépôt des pièces est fermé"
        description={`Les pièces devaient être déposées et confirmées ${set.deadline_text ?? ""} : elles ne peuvent plus être modifiées.`}
      />
    );
  return (
    <Alert
      className="fr-mb-4w"
      severity="info"
      title={set.deadline_text ? `À faire ${set.deadline_text}` : "Pièces justificatives à déposer"}
      description="Déposez chacune des pièces justificatives demandées en sélectionnant « Ajouter », puis validez en cliquant sur « J'ai fourni toutes mes pièces »."
    />
  );
}
