// An upload's progress, as the portal's « Mes justificatifs » shows it: a labelled <progress>.
export function SendProgress({ id, fileName, fraction }: { id: string; fileName: string; fraction: number }) {
  const percent = Math.round(fraction * 100);
  return (
    <p className="fr-mt-2w fr-mb-0">
      <label htmlFor={id}>Envoi de « {fileName} » : </label>
      <progress id={id} max={100} value={percent}>
        {percent} %
      </progress>{" "}
      <span aria-hidden="true">{percent} %</span>
    </p>
  );
}
