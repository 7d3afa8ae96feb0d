// /gestion/regles: the live version first, then every version of the académie's script with
// its state, author, date, note and approval; whether a second person must approve.
import { VersionTable } from "./VersionTable";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { formatDateTime } from "../../format";
import { staffApi } from "../staffApi";
import { useStaffSession } from "../StaffSession";
import { useGestionTitle } from "../useGestionTitle";
import { ApprovalSetting } from "./ApprovalSetting";
import { useAcademyInfo } from "./VersionAcademy";
import { authorText, VersionStateBadge } from "./VersionState";
import type { RuleSettings, RuleVersion } from "./VersionTypes";

export function approvalText(v: RuleVersion, timeZone: string, myId?: string): string {
  if (!v.approved_by) return "Non approuvée";
  const who = v.approved_by === myId ? " par vous" : "";
  return v.approved_at ? `Approuvée${who} le ${formatDateTime(v.approved_at, timeZone)}` : `Approuvée${who}`;
}

export function Versions() {
  useGestionTitle("Règles : les versions");
  const { me, hasRole } = useStaffSession();
  const academy = useAcademyInfo(me?.academy);
  const timeZone = academy?.timezone ?? "Europe/Paris";
  const [versions, setVersions] = useState<RuleVersion[] | null>(null);
  const [settings, setSettings] = useState<RuleSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [list, s] = await Promise.all([
      staffApi.get<{ versions: RuleVersion[] }>("/api/v1/admin/rules/versions"),
      staffApi.get<RuleSettings>("/api/v1/admin/rules/settings"),
    ]);
    if (!list.ok) setError(list.error.message);
    else setVersions(list.data.versions);
    if (s.ok) setSettings(s.data);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const live = versions?.find((v) => v.state === "active");

  return (
    <>
      <h1>Les règles de l'académie</h1>
      <p>
        Chaque version du script de l'académie, de la plus récente à la plus ancienne. Ouvrez une version pour lire sa
        source, la comparer à la version en service, mesurer son impact puis l'approuver, l'activer ou y revenir.
      </p>
      {hasRole("rules_editor") && (
        <Button linkProps={{ to: "/gestion/regles/nouvelle" }} iconId="fr-icon-edit-line" className="fr-mb-4w">
          Écrire une nouvelle version
        </Button>
      )}
      {error && <Alert severity="error" title="Les versions ne peuvent pas être lues" description={error} className="fr-mb-4w" />}
      {!versions && !error && <p>Chargement…</p>}

      {live && (
        <CallOut
          className="fr-mb-6w"
          colorVariant="green-emeraude"
          title={`Version n° ${live.number} : en service`}
          titleAs="h2"
          buttonProps={{ linkProps: { to: `/gestion/regles/versions/${live.number}` }, children: "Lire la version en service" }}
        >
          <VersionStateBadge version={live} timeZone={timeZone} />
          <br />
          {live.note || "Sans note."} Écrite par {authorText(live)} le{" "}
          {formatDateTime(live.submitted_at, timeZone)}
          {live.activated_at ? `, en service depuis le ${formatDateTime(live.activated_at, timeZone)}` : ""}.
        </CallOut>
      )}

      {versions && (
        <VersionTable label="Toutes les versions" minWidth="56rem">
          <table>
            <caption>Toutes les versions ({versions.length})</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">État</th>
                <th scope="col">Auteur</th>
                <th scope="col">Déposée le</th>
                <th scope="col">Note</th>
                <th scope="col">Approbation</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.number}>
                  <th scope="row">
                    <Link to={`/gestion/regles/versions/${v.number}`}>Version n° {v.number}</Link>
                    {v.state === "superseded" && hasRole("rules_editor") && (
                      <>
                        <br />
                        <Link to={`/gestion/regles/versions/${v.number}#activation`} className="fr-text--sm">
                          Revenir à la version n° {v.number}
                        </Link>
                      </>
                    )}
                  </th>
                  <td>
                    <VersionStateBadge version={v} timeZone={timeZone} />
                  </td>
                  <td>{authorText(v)}</td>
                  <td>{formatDateTime(v.submitted_at, timeZone)}</td>
                  <td>{v.note || "—"}</td>
                  <td>{approvalText(v, timeZone, me?.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </VersionTable>
      )}

      {settings && <ApprovalSetting settings={settings} onSaved={setSettings} />}
    </>
  );
}
