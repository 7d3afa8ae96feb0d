// Faults as the workbench shows them: from a check's list, or from a refused submission's
// `fields` ("file:line" -> message; a key without a line, e.g. a test case, keeps line 0).
import type { ApiError } from "../../api/client";
import type { Fault } from "./WorkbenchTypes";

export function faultsOfFields(fields: Record<string, string>): Fault[] {
  return Object.entries(fields).map(([where, message]) => {
    const m = /^(.*):(\d+)$/.exec(where);
    return m ? { file: m[1], line: Number(m[2]), message } : { file: where, line: 0, message };
  });
}

export function faultsOfError(error: ApiError): Fault[] {
  return faultsOfFields(error.fields ?? {});
}

/** The académie's own script, the one the workbench edits: its faults go to the editor. */
export function draftFile(academy: string): string {
  return `academies/${academy}.lua`;
}

/** "academies/poitiers.lua:172" split; null when the text names no line. */
export function parseWhere(where: string | null | undefined): { file: string; line: number } | null {
  const m = where ? /^(.*):(\d+)$/.exec(where) : null;
  return m ? { file: m[1], line: Number(m[2]) } : null;
}
