// POST /api/v1/auth/login, read the way the shared client reads answers, plus the Retry-After
// header of a 429 (the shared client does not keep headers), so the page can say when to retry.
import { setCsrfToken, type ApiError } from "../../api/client";

export type LoginOutcome = { ok: true } | { ok: false; error: ApiError; retryAfter?: number };

export async function requestLogin(email: string, password: string): Promise<LoginOutcome> {
  let res: Response;
  try {
    res = await fetch("/api/v1/auth/login", {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return {
      ok: false,
      error: {
        status: 0,
        code: "network",
        message: "Le service ne répond pas. Vérifiez votre connexion puis réessayez.",
        fields: {},
      },
    };
  }
  const body = await res.json().catch(() => null);
  if (res.ok && body && typeof body.csrf_token === "string") {
    setCsrfToken(body.csrf_token);
    return { ok: true };
  }
  const error: ApiError =
    body && body.error && typeof body.error.message === "string"
      ? { status: res.status, code: body.error.code, message: body.error.message, fields: body.error.fields ?? {} }
      : {
          status: res.status,
          code: "http_" + res.status,
          message: "Le service a rencontré un problème (erreur " + res.status + "). Réessayez dans un instant.",
          fields: {},
        };
  const retry = Number(res.headers.get("Retry-After"));
  return { ok: false, error, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined };
}
