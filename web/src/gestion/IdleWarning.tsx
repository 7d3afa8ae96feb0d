// Said before it happens: two minutes before the server ends an idle session, a notice with
// the time left and « Rester connecté » (any request restarts the clock); at the end, the
// login page with the reason.
import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useStaffSession } from "./StaffSession";
import { staffApi } from "./staffApi";

const warnBeforeSeconds = 120;

export function IdleWarning() {
  const { me, lastActivity, expire } = useStaffSession();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);

  const timeout = me?.idle_timeout_seconds ?? 0;
  const left = Math.max(0, Math.round(timeout - (now - lastActivity) / 1000));

  useEffect(() => {
    if (timeout > 0 && left === 0) expire();
  }, [timeout, left, expire]);

  if (!me || timeout <= 0 || left > warnBeforeSeconds) return null;
  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  const said = minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, "0")} s` : `${seconds} s`;
  return (
    <div className="fr-container fr-mt-2w">
      <div className="fr-alert fr-alert--warning" role="alert">
        <h2 className="fr-alert__title">Votre session va se fermer</h2>
        <p>
          Sans action de votre part, vous serez déconnecté dans{" "}
          {/* Said once (a live region would read the countdown every second), shown as it runs. */}
          <span className="fr-sr-only">moins de deux minutes</span>
          <span className="gestion-countdown" aria-hidden="true">
            {said}
          </span>
          . Ce que vous n'avez pas enregistré sera perdu.
        </p>
        <Button className="fr-mt-1w" size="small" onClick={() => void staffApi.get("/api/v1/admin/me")}>
          Rester connecté
        </Button>
      </div>
    </div>
  );
}
