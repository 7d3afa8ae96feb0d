// The JSON API on the same origin. The session is the HttpOnly cookie login sets; the CSRF
// token that state-changing requests carry lives in memory only (never in localStorage) and
// is asked again after a reload. The candidate's space and the back office each have their
// client (their own cookie, their own CSRF route).

export interface ApiError {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
  /** Seconds to wait before trying again (a 429's Retry-After), when the answer says. */
  retryAfter?: number;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: ApiError };

const networkError: ApiError = {
  status: 0,
  code: "network",
  message: "Le service ne répond pas. Vérifiez votre connexion puis réessayez.",
  fields: {},
};

async function errorOf(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get("Retry-After"));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  try {
    const body = await res.json();
    if (body && body.error && typeof body.error.message === "string")
      return {
        status: res.status,
        code: body.error.code,
        message: body.error.message,
        fields: body.error.fields ?? {},
        retryAfter,
      };
  } catch {
    // not JSON: fall through to a generic French message
  }
  return {
    status: res.status,
    code: "http_" + res.status,
    message: "Le service a rencontré un problème (erreur " + res.status + "). Réessayez dans un instant.",
    fields: {},
  };
}

export interface ApiClient {
  get: <T>(path: string) => Promise<ApiResult<T>>;
  post: <T>(path: string, body?: unknown) => Promise<ApiResult<T>>;
  put: <T>(path: string, body: unknown) => Promise<ApiResult<T>>;
  patch: <T>(path: string, body: unknown) => Promise<ApiResult<T>>;
  del: <T>(path: string) => Promise<ApiResult<T>>;
  /** Sends raw bytes (a PDF, a ZIP) with their content type; `onProgress` gets 0..1. */
  send: <T>(method: string, path: string, body: Blob, onProgress?: (fraction: number) => void) => Promise<ApiResult<T>>;
  /** A file sent as a browser form (multipart/form-data, field `file`, its UTF-8 name kept). */
  upload: (path: string, file: File, onProgress: (fraction: number) => void) => Promise<ApiResult<unknown>>;
  setCsrfToken: (token: string | null) => void;
  /** Called on every answer: the back office's idle clock restarts with each request. */
  onAnswer?: (status: number) => void;
}

export function createClient(csrfPath: string): ApiClient {
  let csrfToken: string | null = null;

  async function ensureCsrf(): Promise<void> {
    if (csrfToken) return;
    const res = await fetch(csrfPath, { credentials: "same-origin" }).catch(() => null);
    if (res && res.ok) csrfToken = (await res.json()).csrf_token ?? null;
  }

  async function call<T>(method: string, path: string, body?: unknown, retried = false): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const init: RequestInit = { method, credentials: "same-origin", headers };
    if (method !== "GET") {
      await ensureCsrf();
      if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(path, init);
    } catch {
      return { ok: false, error: networkError };
    }
    client.onAnswer?.(res.status);
    if (!res.ok) {
      const error = await errorOf(res);
      // A token from another tab's login: ask for this session's and try once more.
      if (error.code === "csrf_failed" && !retried) {
        csrfToken = null;
        return call<T>(method, path, body, true);
      }
      return { ok: false, error };
    }
    const data = res.status === 204 ? (undefined as T) : ((await res.json()) as T);
    return { ok: true, status: res.status, data };
  }

  // XMLHttpRequest rather than fetch: fetch cannot report upload progress.
  function xhrSend<T>(method: string, path: string, body: Blob | FormData, onProgress?: (f: number) => void) {
    return ensureCsrf().then(
      () =>
        new Promise<ApiResult<T>>((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open(method, path);
          xhr.withCredentials = true;
          xhr.setRequestHeader("Accept", "application/json");
          if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
          if (body instanceof Blob && body.type) xhr.setRequestHeader("Content-Type", body.type);
          xhr.upload.onprogress = (e) => {
            if (e.lengthComputable) onProgress?.(e.loaded / e.total);
          };
          xhr.onerror = () => resolve({ ok: false, error: networkError });
          xhr.onload = () => {
            client.onAnswer?.(xhr.status);
            const retry = xhr.getResponseHeader("Retry-After");
            const res = new Response(xhr.responseText || null, {
              status: xhr.status,
              headers: retry ? { "Retry-After": retry } : {},
            });
            if (xhr.status >= 200 && xhr.status < 300) {
              let data: unknown = undefined;
              try {
                data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
              } catch {
                data = undefined;
              }
              resolve({ ok: true, status: xhr.status, data: data as T });
            } else {
              errorOf(res).then((error) => resolve({ ok: false, error }));
            }
          };
          xhr.send(body);
        }),
    );
  }

  const client: ApiClient = {
    get: <T>(path: string) => call<T>("GET", path),
    post: <T>(path: string, body?: unknown) => call<T>("POST", path, body ?? {}),
    put: <T>(path: string, body: unknown) => call<T>("PUT", path, body),
    patch: <T>(path: string, body: unknown) => call<T>("PATCH", path, body),
    del: <T>(path: string) => call<T>("DELETE", path),
    send: <T>(method: string, path: string, body: Blob, onProgress?: (f: number) => void) =>
      xhrSend<T>(method, path, body, onProgress),
    upload: (path: string, file: File, onProgress: (fraction: number) => void) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return xhrSend<unknown>("POST", path, form, onProgress);
    },
    setCsrfToken: (token: string | null) => {
      csrfToken = token;
    },
  };
  return client;
}

/** The candidate's space: the guichet_session cookie. */
export const api = createClient("/api/v1/auth/csrf");

export function setCsrfToken(token: string | null) {
  api.setCsrfToken(token);
}

export function uploadFile(
  path: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<ApiResult<unknown>> {
  return api.upload(path, file, onProgress);
}
