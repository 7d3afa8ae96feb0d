// The server's "now" (possibly a simulated clock, which decides windows and deadlines): the
// `at` of GET /api/v1/services, in milliseconds.
import { useEffect, useState } from "react";
import { api } from "../../api/client";

export function useServerNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    void api.get<{ at: string }>("/api/v1/services").then((r) => setNow(r.ok ? Date.parse(r.data.at) : Date.now()));
  }, []);
  return now;
}
