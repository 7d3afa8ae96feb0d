// /gestion/regles/versions/:number: one version's source (read-only, highlighted), its diff
// against the live version, its impact on the académie's registrations, then what a rules
// editor may do: approve, activate now or at a time, or go back to it.
import { useCallback, useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { formatDateTime } from "../../format";
import { staffApi } from "../staffApi";
import { useStaffSession } from "../StaffSession";
import { useGestionTitle } from "../useGestionTitle";
import { LuaDiff } from "./LuaDiff";
import { VersionSource } from "./VersionSource";
import { ActivationForm } from "./ActivationForm";
import { ApprovalAction } from "./ApprovalAction";
import { ImpactReportView } from "./ImpactReport";
import { useAcademyInfo } from "./VersionAcademy";
import { authorText, VersionStateBadge } from "./VersionState";
import type { ImpactReport, RuleSettings, RuleVersion } from "./VersionTypes";
import { approvalText } from "./Versions";

type Impact = { report: ImpactReport } | { error: string } | null;

export function Version() {
  const { number } = useParams();
  useGestionTitle(`Règles : version n° ${number}`);
  const { me, hasRole } = useStaffSession();
  const academy = useAcademyInfo(me?.academy);
  const timeZone = academy?.timezone ?? "Europe/Paris";
  const [version, setVersion] = useState<RuleVersion | null>(null);
  const [live, setLive] = useState<RuleVersion | null>(null);
  const [settings, setSettings] = useState<RuleSettings | null>(null);
  const [impact, setImpact] = useState<Impact>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneBox = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const [v, list, s] = await Promise.all([
      staffApi.get<RuleVersion>(`/api/v1/admin/rules/versions/${number}`),
      staffApi.get<{ versions: RuleVersion[] }>("/api/v1/admin/rules/versions"),
      staffApi.get<RuleSettings>("/api/v1/admin/rules/settings"),
    ]);
    if (!v.ok) {
      setError(v.error.message);
      return;
    }
    setVersion(v.data);
    if (s.ok) setSettings(s.data);
    const liveEntry = list.ok ? list.data.versions.find((x) => x.state === "active") : undefined;
    if (liveEntry && liveEntry.number !== v.data.number) {
      const l = await staffApi.get<RuleVersion>(`/api/v1/admin/rules/versions/${liveEntry.number}`);
      setLive(l.ok ? l.data : null);
    } else setLive(liveEntry ? v.data : null);
    // The impact of a version that is not live (the live one changes nothing).
    if (v.data.state !== "active" && v.data.state !== "discarded") {
      const i = await staffApi.get<ImpactReport>(`/api/v1/admin/rules/versions/${number}/impact`);
      setImpact(i.ok ? { report: i.data } : { error: i.error.message });
    } else setImpact(null);
  }, [number]);

  useEffect(() => {
    setDone(null);
    void load();
  }, [load]);

  useEffect(() => {
    if (done) doneBox.current?.focus();
  }, [done]);

  if (error)
    return (
      <>
        <h1>Version n° {number}</h1>
        <Alert severity="error" title="Cette version ne peut pas être lue" description={error} />
      </>
    );
  if (!version) return <p>Chargement…</p>;

  const isLive = version.state === "active";
  const editor = hasRole("rules_editor");
  const actionable = editor && !isLive && version.state !== "discarded";
  const report = impact && "report" in impact ? impact.report : null;

  function activated(v: RuleVersion, scheduled: boolean) {
    const rollback = version!.state === "superseded";
    setDone(
      scheduled && v.activate_at
        ? `La version n° ${v.number} sera activée le ${formatDateTime(v.activate_at, timeZone)}.`
        : rollback
          ? `Les règles sont revenues à la version n° ${v.number}, désormais en service.`
          : `La version n° ${v.number} est en service.`,
    );
    void load();
  }

  return (
    <>
      <Breadcrumb
        currentPageLabel={`Version n° ${version.number}`}
        homeLinkProps={{ to: "/gestion" }}
        segments={[{ label: "Règles", linkProps: { to: "/gestion/regles" } }]}
      />
      <h1>Version n° {version.number}</h1>
      <p>
        <VersionStateBadge version={version} timeZone={timeZone} />
      </p>
      {done && (
        <div ref={doneBox} id="version-done" tabIndex={-1} className="fr-mb-4w">
          <Alert severity="success" title="C'est fait" description={done} />
        </div>
      )}
      <ul className="fr-mb-4w">
        <li>Auteur : {authorText(version)}</li>
        <li>Déposée le {formatDateTime(version.submitted_at, timeZone)}</li>
        <li>Note : {version.note || "aucune"}</li>
        <li>Approbation : {approvalText(version, timeZone, me?.id)}</li>
        {version.activated_at && <li>Dernière activation le {formatDateTime(version.activated_at, timeZone)}</li>}
        {version.confirm_reason && <li>Motif donné au garde-fou : {version.confirm_reason}</li>}
      </ul>

      <section aria-labelledby="source-title" className="fr-mb-6w">
        <h2 id="source-title">Source</h2>
        <VersionSource script={version.script ?? ""} label={`Source de la version n° ${version.number}`} />
      </section>

      {live && !isLive && (
        <section aria-labelledby="diff-title" className="fr-mb-6w">
          <h2 id="diff-title">Différences avec la version en service (n° {live.number})</h2>
          {live.content_hash === version.content_hash ? (
            <p>Cette version est identique à la version en service.</p>
          ) : (
            <>
              <p>À gauche la version en service, à droite la version n° {version.number}.</p>
              <LuaDiff
                a={live.script ?? ""}
                b={version.script ?? ""}
                labelA={`Version en service, n° ${live.number}`}
                labelB={`Version n° ${version.number}`}
              />
            </>
          )}
        </section>
      )}

      {!isLive && impact && "error" in impact && (
        <Alert severity="error" className="fr-mb-6w" title="L'analyse d'impact n'a pas pu être faite" description={impact.error} />
      )}
      {!isLive && !impact && version.state !== "discarded" && <p>Analyse d'impact en cours…</p>}
      {report && <ImpactReportView report={report} academy={academy} />}

      {actionable && settings?.require_approval && (
        <ApprovalAction
          version={version}
          timeZone={timeZone}
          onApproved={(v) => setVersion((old) => (old ? { ...old, ...v, script: old.script } : v))}
        />
      )}
      {actionable && (
        <ActivationForm
          key={version.state + version.activate_at}
          version={version}
          guardRequired={!!report?.guard.required}
          approvalRequired={!!settings?.require_approval}
          timeZone={timeZone}
          onDone={activated}
        />
      )}
    </>
  );
}
