// The académie's document types (code and label). The API has no route that lists them; its
// refusal of an unknown type does, before anything is taken: « Types déclarés pour l'académie :
// convocation (Convocation aux épreuves), releve_notes (Relevé de notes). ». The bulk route is
// asked with the reserved type `recapitulatif` and no archive, which publishes nothing.
import { useEffect, useState } from "react";
import { staffApi } from "../staffApi";
import type { DocumentType } from "./types";

// What an académie without a declaration publishes (scripts/GUIDE.md), if the message changes.
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

export function useDocumentTypes(): DocumentType[] | null {
  const [types, setTypes] = useState<DocumentType[] | null>(null);
  useEffect(() => {
    let live = true;
    void staffApi.send("POST", "/api/v1/admin/documents/recapitulatif/bulk", new Blob([], { type: "application/zip" })).then((r) => {
      if (!live) return;
      const parsed = !r.ok && r.error.code === "validation_failed" ? parseTypes(r.error.message) : [];
      setTypes(parsed.length ? parsed : fallback);
    });
    return () => {
      live = false;
    };
  }, []);
  return types;
}
