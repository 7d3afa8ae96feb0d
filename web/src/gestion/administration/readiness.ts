// /readyz (open, outside the admin API): ready or not, with its details either way.
import type { Readiness } from "./types";

export async function fetchReadiness(): Promise<Readiness> {
  try {
    const res = await fetch("/readyz", { headers: { Accept: "application/json" }, cache: "no-store" });
    const body = await res.json().catch(() => null);
    return {
      ready: res.ok,
      details: body?.details ?? null,
      message: res.ok ? undefined : (body?.error?.message ?? `Le service a répondu par l'erreur ${res.status}.`),
    };
  } catch {
    return { ready: false, details: null, message: "Le service ne répond pas." };
  }
}
