import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getMe, login, logout } from '../api/auth';
import { ApiError, isAbort, onUnauthenticated, setToken } from '../api/client';
import type { CurrentUser } from '../api/types';

type AuthStatus = 'loading' | 'ready' | 'error';

interface Auth {
  status: AuthStatus;
  /** The signed-in user, or null when nobody is signed in. */
  user: CurrentUser | null;
  /** Why the session check failed when status is 'error' (e.g. the server is down). */
  error: ApiError | null;
  can(permission: string | undefined): boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  retry(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Who is signed in? A 401 simply means nobody; anything else is shown with a retry.
  useEffect(() => {
    const controller = new AbortController();
    setStatus('loading');
    getMe(controller.signal).then(
      (me) => {
        setUser(me);
        setStatus('ready');
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        if (e instanceof ApiError && e.status === 401) {
          setToken(null);
          setUser(null);
          setStatus('ready');
        } else {
          setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)));
          setStatus('error');
        }
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => onUnauthenticated(() => setUser(null)), []);

  const signIn = useCallback(async (username: string, password: string) => {
    const { token } = await login(username, password);
    setToken(token);
    // The login answer's user shape is not the one the UI needs (roles, permissions): ask /me.
    setUser(await getMe());
    setStatus('ready');
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // Signing out locally is what matters; the session expires on the server anyway.
    }
    setToken(null);
    setUser(null);
  }, []);

  const can = useCallback(
    (permission: string | undefined) => !permission || (user?.permissions.includes(permission) ?? false),
    [user],
  );

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo<Auth>(
    () => ({ status, user, error, can, signIn, signOut, retry }),
    [status, user, error, can, signIn, signOut, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthProvider');
  return auth;
}
