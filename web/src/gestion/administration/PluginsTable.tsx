// The server's plugins as GET /api/v1/admin/plugins gives them: state in French and the
// delivery of events (delivered, failed attempts, parked, last error).
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { ScrollingTable } from "./ScrollingTable";
import type { PluginState, PluginsAnswer } from "./types";

const stateLabels: Record<PluginState["state"], { text: string; severity: "success" | "warning" | "error" }> = {
  loaded: { text: "En service", severity: "success" },
  hung: { text: "Bloqué", severity: "warning" },
  refused: { text: "Refusé au chargement", severity: "error" },
  failed: { text: "En échec", severity: "error" },
};

export function PluginsTable({ answer }: { answer: PluginsAnswer }) {
  if (answer.plugins.length === 0)
    return <p>Aucun greffon n'est installé sur ce serveur (version de l'interface des greffons : {answer.host_abi}).</p>;
  return (
    <ScrollingTable caption={<>Greffons du serveur ({answer.plugins.length})</>}>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Version</th>
                  <th scope="col">État</th>
                  <th scope="col">Événements transmis</th>
                  <th scope="col">Échecs de transmission</th>
                  <th scope="col">Événements mis de côté</th>
                  <th scope="col">Dernière erreur</th>
                </tr>
              </thead>
              <tbody>
                {answer.plugins.map((p) => {
                  const s = stateLabels[p.state] ?? { text: p.state, severity: "warning" as const };
                  return (
                    <tr key={p.name}>
                      <th scope="row">
                        {p.name}
                        {p.description && (
                          <>
                            <br />
                            <span className="fr-text--xs">{p.description}</span>
                          </>
                        )}
                      </th>
                      <td>{p.version || "—"}</td>
                      <td>
                        <Badge small noIcon severity={s.severity}>
                          {s.text}
                        </Badge>
                      </td>
                      <td>{p.events ? p.events.last_seq : "Aucun abonnement"}</td>
                      <td>{p.events ? p.events.failed_attempts : "—"}</td>
                      <td>{p.events ? p.events.parked : "—"}</td>
                      <td>{p.events?.last_error || p.error || "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </ScrollingTable>
  );
}
