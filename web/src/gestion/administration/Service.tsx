// /gestion/service (admin, auditor): the server's health as /readyz says it, in words (database,
// rules, faults of the scripts, changes waiting), and the plugins with their event delivery.
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { formatDateTime } from "../../format";
import { staffApi } from "../staffApi";
import { useGestionTitle } from "../useGestionTitle";
import { PluginsTable } from "./PluginsTable";
import { fetchReadiness } from "./readiness";
import type { PluginsAnswer, Readiness } from "./types";

const faultKinds: Record<string, string> = {
  timeout: "temps dépassé",
  memory: "mémoire dépassée",
  stack: "récursion trop profonde",
  error: "erreur d'exécution",
};

export function Service() {
  useGestionTitle("État du service");
  const [ready, setReady] = useState<Readiness | null>(null);
  const [plugins, setPlugins] = useState<PluginsAnswer | null>(null);
  const [pluginsError, setPluginsError] = useState<string>();
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  const load = useCallback(async () => {
    const [r, p] = await Promise.all([fetchReadiness(), staffApi.get<PluginsAnswer>("/api/v1/admin/plugins")]);
    setReady(r);
    if (p.ok) {
      setPlugins(p.data);
      setPluginsError(undefined);
    } else setPluginsError(p.error.message);
    setCheckedAt(new Date());
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const d = ready?.details;
  const dbOk = d?.database === "ok";
  const rulesOk = !!d?.rules;

  return (
    <>
      <h1>État du service</h1>
      {!ready && <p>Chargement…</p>}
      {ready && (
        <>
          <div role="status">
            {ready.ready ? (
              <Alert
                severity="success"
                title="Le service fonctionne"
                description="La base de données répond et les règles sont chargées : les candidats peuvent s'inscrire."
              />
            ) : (
              <Alert
                severity="error"
                title="Le service ne fonctionne pas normalement"
                description={ready.message ?? "Une partie du service n'est pas prête."}
              />
            )}
          </div>
          <p className="fr-text--sm fr-mt-1w">
            Vérifié {checkedAt ? `le ${formatDateTime(checkedAt.toISOString())}` : ""}.{" "}
            <Button priority="tertiary no outline" size="small" iconId="fr-icon-refresh-line" onClick={() => void load()}>
              Vérifier à nouveau
            </Button>
          </p>

          <h2 className="fr-mt-4w">Composants</h2>
          <dl>
            <dt>Base de données</dt>
            <dd>
              <p className={`fr-badge fr-badge--sm fr-badge--${dbOk ? "success" : "error"}`}>
                {dbOk ? "Opérationnelle" : "Indisponible"}
              </p>
              <p className="fr-text--sm">
                {dbOk
                  ? "Elle répond : les inscriptions et les pièces sont enregistrées."
                  : "Elle ne répond pas : rien ne peut être enregistré tant qu'elle est indisponible."}
              </p>
            </dd>
            <dt>Règles des examens</dt>
            <dd>
              <p className={`fr-badge fr-badge--sm fr-badge--${rulesOk ? "success" : "error"}`}>
                {rulesOk ? "Chargées" : "Non chargées"}
              </p>
              <p className="fr-text--sm">
                {d?.rules
                  ? `Version ${d.rules.version} en service : ${d.rules.academies} académie${d.rules.academies > 1 ? "s" : ""}, ${d.rules.exams} examen${d.rules.exams > 1 ? "s" : ""}.`
                  : "Aucune version des règles n'est en service : les inscriptions ne peuvent pas être jugées."}
              </p>
              {d && d.script_faults.length > 0 && (
                <>
                  <p className="fr-text--sm fr-mb-1w">Défauts des scripts au chargement :</p>
                  <ul className="fr-text--sm">
                    {d.script_faults.map((f) => (
                      <li key={f}>
                        <code>{f}</code>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {d?.academy_faults?.map((a) => (
                <div key={a.academy} className="fr-text--sm">
                  <p className="fr-mb-1w">
                    Académie {a.academy} :{" "}
                    {Object.entries(a.faults)
                      .map(([k, n]) => `${n} ${faultKinds[k] ?? k}`)
                      .join(", ")}{" "}
                    depuis le démarrage{a.suspended ? " ; ses évaluations sont suspendues pour un moment" : ""}.
                  </p>
                  {a.last?.message && (
                    <p>
                      Dernier défaut{a.last.at ? ` (${formatDateTime(a.last.at)})` : ""} : <code>{a.last.message}</code>
                    </p>
                  )}
                </div>
              ))}
              {d?.pending_changes?.map((c) => (
                <div key={c.file + c.content_hash} className="fr-text--sm">
                  <p className="fr-mb-1w">
                    Modification de <code>{c.file}</code> {c.state === "held" ? "retenue" : "refusée"} depuis le{" "}
                    {formatDateTime(c.since)}. {c.serving}
                  </p>
                  <ul>
                    {c.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                  {c.confirm && <p>{c.confirm}</p>}
                </div>
              ))}
            </dd>
          </dl>
        </>
      )}

      <h2 className="fr-mt-4w">Greffons</h2>
      {pluginsError && <Alert severity="error" small description={pluginsError} />}
      {plugins && <PluginsTable answer={plugins} />}
    </>
  );
}
