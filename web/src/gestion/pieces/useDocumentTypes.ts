// The académie's document types (code and label), as its live rules declare them
// (`document_types` of GET /api/v1/academies/{académie}).
import { useEffect, useState } from "react";
import { api } from "../../api/client";
import { useStaffSession } from "../StaffSession";
import type { DocumentType } from "./types";

export function useDocumentTypes(): DocumentType[] | null {
  const { me } = useStaffSession();
  const [types, setTypes] = useState<DocumentType[] | null>(null);
  useEffect(() => {
    if (!me) return;
    let live = true;
    void api
      .get<{ document_types?: DocumentType[] }>(`/api/v1/academies/${encodeURIComponent(me.academy)}`)
      .then((r) => live && setTypes(r.ok ? (r.data.document_types ?? []) : []));
    return () => {
      live = false;
    };
  }, [me]);
  return types;
}
