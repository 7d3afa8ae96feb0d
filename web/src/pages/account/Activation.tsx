// « Activer mon compte », the page the activation mail's link opens: it activates on arrival
// and says what happened, or what to do when the link expired (48 h) or is not valid.
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type ApiError } from "../../api/client";
import { usePageTitle } from "../../usePageTitle";

type State = { kind: "working" } | { kind: "done" } | { kind: "failed"; error: ApiError };

export function Activation() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [state, setState] = useState<State>({ kind: "working" });
  const sent = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(
    state.kind === "done" ? "Compte activé" : state.kind === "failed" ? "Activation impossible" : "Activer mon compte",
  );

  useEffect(() => {
    // Once only (React's development double effects would use the link twice).
    if (sent.current) return;
    sent.current = true;
    if (!token) {
      setState({
        kind: "failed",
        error: { status: 400, code: "invalid_token", message: "Ce lien d'activation n'est pas valide.", fields: {} },
      });
      return;
    }
    void api.post("/api/v1/accounts/activate", { token }).then((r) => {
      setState(r.ok ? { kind: "done" } : { kind: "failed", error: r.error });
    });
  }, [token]);

  useEffect(() => {
    if (state.kind !== "working") heading.current?.focus();
  }, [state.kind]);

  if (state.kind === "working")
    return (
      <>
        <h1>Activer mon compte</h1>
        <p role="status">Activation de votre compte en cours…</p>
      </>
    );

  if (state.kind === "done")
    return (
      <>
        <h1 tabIndex={-1} ref={heading}>
          Votre compte est activé
        </h1>
        <div className="fr-alert fr-alert--success fr-mb-4w">
          <p>Votre compte est maintenant actif. Vous pouvez vous connecter avec votre adresse mail et votre mot de passe.</p>
        </div>
        <Link className="fr-btn" to="/connexion">
          Me connecter
        </Link>
      </>
    );

  const { error } = state;
  const expired = error.code === "token_expired";
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Votre compte n'a pas pu être activé
      </h1>
      <div className="fr-alert fr-alert--error fr-mb-4w">
        <p>{error.message}</p>
      </div>
      {expired ? (
        <p>
          Le lien d'activation n'est valable que 48 h après la création du compte : passé ce délai, les données sont
          perdues. Créez votre compte à nouveau, puis cliquez sur le lien du nouveau mail dans les 48 h.
        </p>
      ) : (
        <p>
          Vérifiez que vous avez ouvert le lien complet du dernier mail reçu. Si vous avez déjà activé votre compte,
          connectez-vous. Sinon, si plus de 48 h ont passé depuis la création du compte, créez votre compte à nouveau.
        </p>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {!expired && (
          <li>
            <Link className="fr-btn" to="/connexion">
              Me connecter
            </Link>
          </li>
        )}
        <li>
          <Link className={expired ? "fr-btn" : "fr-btn fr-btn--secondary"} to="/creer-mon-compte">
            Créer mon compte
          </Link>
        </li>
      </ul>
    </>
  );
}
