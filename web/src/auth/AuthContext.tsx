import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, configureApi } from '../api/api';
import { authApi } from '../api/services';
import type { Me } from '../api/types';
import { changePasswordPath, loginPath } from '../lib/redirect';

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

export interface AuthContextValue {
  status: AuthStatus;
  me: Me | null;
  /** Whether the current user holds the permission (no permission needed when undefined). */
  can: (permission: string | undefined) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Refetches /auth/me. */
  refresh: () => Promise<Me | null>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const currentPath = () => window.location.pathname + window.location.search;

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const m = await authApi.me();
      setMe(m);
      setStatus('authenticated');
      return m;
    } catch (e) {
      setMe(null);
      setStatus(e instanceof ApiError && e.status === 401 ? 'anonymous' : 'error');
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    configureApi({
      onUnauthenticated: () => {
        setMe(null);
        setStatus('anonymous');
        navigate(loginPath(currentPath()), { replace: true });
      },
      onPasswordChangeRequired: () => {
        setMe((m) => (m ? { ...m, mustChangePassword: true } : m));
        navigate(changePasswordPath(currentPath()), { replace: true });
      },
    });
    return () => configureApi({});
  }, [navigate]);

  const login = useCallback(async (username: string, password: string) => {
    const m = await authApi.login(username, password);
    setMe(m);
    setStatus('authenticated');
    return m;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  const can = useCallback(
    (permission: string | undefined) => !permission || (me?.permissions.includes(permission) ?? false),
    [me],
  );

  const value = useMemo<AuthContextValue>(
    () => ({ status, me, can, login, logout, refresh }),
    [status, me, can, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
