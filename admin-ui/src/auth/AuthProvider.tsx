import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.js';
import { initAuth, renewSession, signIn, signOut } from './oidc.js';
import type { Role } from './roles.js';

/** The signed-in user as the API sees him (GET /api/me): the API, not the token, is the authority. */
export interface User {
  id: string;
  username: string;
  name?: string;
  roles: Role[];
  agencyCode?: string;
  agencyName?: string;
  /** The citizen's identity number (CCCD), when the account has one. */
  citizenId?: string;
}

type AuthState = { status: 'loading' } | { status: 'anonymous'; error?: string } | { status: 'signed-in'; user: User };

interface Auth {
  state: AuthState;
  signIn(returnTo?: string): void;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    initAuth()
      .then(async (authenticated) => {
        if (!authenticated) return live && setState({ status: 'anonymous' });
        const me = () => api<User>('/api/me');
        const user = await me().catch(async (error: unknown) => {
          // Tokens kept from before a reload may no longer be accepted (the provider's keys changed): ask it once more.
          if (!(error instanceof ApiError && error.status === 401) || !(await renewSession())) throw error;
          return me();
        });
        if (live) setState({ status: 'signed-in', user });
      })
      .catch((error: unknown) => live && setState({ status: 'anonymous', error: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, []);

  const value: Auth = {
    state,
    signIn: (returnTo) => void signIn(returnTo ?? '/'),
    signOut,
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
