// Who is logged in: the account from GET /api/v1/me (the HttpOnly cookie decides), shared by
// every page through a React context.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, setCsrfToken, type ApiResult } from "./api/client";
import type { Account } from "./api/types";

interface SessionState {
  account: Account | null;
  loading: boolean;
  refresh: () => Promise<void>;
  login: (email: string, password: string) => Promise<ApiResult<unknown>>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    const me = await api.get<Account>("/api/v1/me");
    setAccount(me.ok ? me.data : null);
    setLoading(false);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (email: string, password: string) => {
      const r = await api.post<{ csrf_token: string }>("/api/v1/auth/login", { email, password });
      if (r.ok) {
        setCsrfToken(r.data.csrf_token);
        await refresh();
      }
      return r;
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    await api.post("/api/v1/auth/logout");
    setCsrfToken(null);
    setAccount(null);
  }, []);

  return (
    <SessionContext.Provider value={{ account, loading, refresh, login, logout }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
