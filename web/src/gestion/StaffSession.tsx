// Who is working in the back office: GET /api/v1/admin/me (the staff cookie decides), shared by
// every page. The idle clock restarts with each answer of the API; the session ends on the
// server after idle_timeout_seconds without a request, and the page says so before it happens.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { ApiResult } from "../api/client";
import { staffApi, type Role, type StaffLoginAnswer, type StaffMe } from "./staffApi";

interface StaffSessionState {
  me: StaffMe | null;
  loading: boolean;
  /** Why the last session ended on its own ("idle"), for the login page to say. */
  ended: "idle" | null;
  /** When the API last answered (ms since epoch): the idle clock's start. */
  lastActivity: number;
  hasRole: (...roles: Role[]) => boolean;
  refresh: () => Promise<void>;
  login: (email: string, password: string, code: string) => Promise<ApiResult<StaffLoginAnswer>>;
  logout: () => Promise<void>;
  expire: () => void;
}

const StaffSessionContext = createContext<StaffSessionState | null>(null);

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<StaffMe | null>(null);
  const [loading, setLoading] = useState(true);
  const [ended, setEnded] = useState<"idle" | null>(null);
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const meRef = useRef<StaffMe | null>(null);
  meRef.current = me;

  useEffect(() => {
    staffApi.onAnswer = (status) => {
      if (status === 401 && meRef.current) {
        // The server ended the session (idle, disabled, logged out elsewhere).
        setMe(null);
        setEnded("idle");
      } else if (status !== 401) {
        setLastActivity(Date.now());
      }
    };
    return () => {
      staffApi.onAnswer = undefined;
    };
  }, []);

  const refresh = useCallback(async () => {
    const r = await staffApi.get<StaffMe>("/api/v1/admin/me");
    setMe(r.ok ? r.data : null);
    setLoading(false);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (email: string, password: string, code: string) => {
      const r = await staffApi.post<StaffLoginAnswer>("/api/v1/admin/auth/login", { email, password, code });
      if (r.ok) {
        staffApi.setCsrfToken(r.data.csrf_token);
        setEnded(null);
        await refresh();
      }
      return r;
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    await staffApi.post("/api/v1/admin/auth/logout");
    staffApi.setCsrfToken(null);
    setMe(null);
  }, []);

  const expire = useCallback(() => {
    staffApi.setCsrfToken(null);
    setMe(null);
    setEnded("idle");
  }, []);

  const hasRole = useCallback((...roles: Role[]) => !!me && roles.some((r) => me.roles.includes(r)), [me]);

  return (
    <StaffSessionContext.Provider value={{ me, loading, ended, lastActivity, hasRole, refresh, login, logout, expire }}>
      {children}
    </StaffSessionContext.Provider>
  );
}

export function useStaffSession(): StaffSessionState {
  const s = useContext(StaffSessionContext);
  if (!s) throw new Error("useStaffSession outside StaffSessionProvider");
  return s;
}
