// The bulk publication's report, file by file: published (to which registration, which version)
// or refused (the API's French reason).
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { BulkReport } from "./types";

export function BulkReportTable({ report, typeLabel }: { report: BulkReport; typeLabel: string }) {
  const n = report.published.length;
  const m = report.refused.length;
  const rows = [
    ...report.published.map((p) => [
      p.file,
      <Badge severity="success" small noIcon={false}>Publié</Badge>,
      `Inscription n° ${p.registration_number}, version ${p.version}`,
    ]),
    ...report.refused.map((r) => [r.file, <Badge severity="error" small>Refusé</Badge>, r.message]),
  ];
  return (
    <Table
      caption={`Rapport de publication « ${typeLabel} » : ${n} fichier${n > 1 ? "s" : ""} publié${n > 1 ? "s" : ""}, ${m} refusé${m > 1 ? "s" : ""}`}
      headers={["Fichier", "Résultat", "Détail"]}
      data={rows}
      bordered
    />
  );
}
