// The académie's document types (code and label). The API has no route that lists them; its
// refusal of an unknown type does, before anything is stored: « Types déclarés pour l'académie :
// convocation (Convocation aux épreuves), releve_notes (Relevé de notes). ». So one registration
// of the académie is asked for the reserved type `recapitulatif` with an empty body, which
// publishes nothing (the bulk route would do without a registration, but it does not take the
// staff cookie).
import { useEffect, useState } from "react";
import { staffApi } from "../staffApi";
import type { DocumentType, RegistrationPage } from "./types";

// What an académie without a declaration publishes (scripts/GUIDE.md), if the probe cannot run.
const fallback: DocumentType[] = [
  { code: "convocation", label: "Convocation" },
  { code: "releve_notes", label: "Relevé de notes" },
  { code: "attestation", label: "Attestation de réussite" },
];

export function parseTypes(message: string): DocumentType[] {
  const list = message.split("Types déclarés pour l'académie :")[1];
  if (!list) return [];
  const found: DocumentType[] = [];
  for (const m of list.matchAll(/([a-z0-9_]+) \(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) found.push({ code: m[1], label: m[2] });
  return found;
}

async function probe(): Promise<DocumentType[]> {
  const one = await staffApi.get<RegistrationPage>("/api/v1/admin/registrations?limit=1");
  if (!one.ok || one.data.registrations.length === 0) return fallback;
  const r = await staffApi.send(
    "PUT",
    `/api/v1/admin/registrations/${one.data.registrations[0].id}/documents/recapitulatif`,
    new Blob([], { type: "application/pdf" }),
  );
  const parsed = !r.ok && r.error.code === "validation_failed" ? parseTypes(r.error.message) : [];
  return parsed.length ? parsed : fallback;
}

export function useDocumentTypes(): DocumentType[] | null {
  const [types, setTypes] = useState<DocumentType[] | null>(null);
  useEffect(() => {
    let live = true;
    void probe().then((t) => live && setTypes(t));
    return () => {
      live = false;
    };
  }, []);
  return types;
}
