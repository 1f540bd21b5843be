// The signed-in person: OIDC authorization code + PKCE against the provider the gateway names in
// /console-config.json (oidc-client-ts does discovery, PKCE, the callback and sign-out). Roles and organization come
// from the access token's claims, as the gateway reads them.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { Role } from '../api/responseTypes';

export interface ConsoleConfig { issuer: string; clientId: string; grafanaUrl?: string }

export interface Person {
  subject: string;
  name: string;
  role: Role;
  orgId: string | null;
  accessToken: string;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, 'org-admin': 2, 'platform-admin': 3 };

/** The strongest ChainWatch role of a roles claim (a list or one string); null if none. */
export function strongestRole(claim: unknown): Role | null {
  const values = Array.isArray(claim) ? claim : claim == null ? [] : [claim];
  let best: Role | null = null;
  for (const v of values) {
    const r = String(v).trim().toLowerCase().replace(/_/g, '-') as Role;
    if (r in RANK && (best === null || RANK[r] > RANK[best])) best = r;
  }
  return best;
}

/** Whether a person with {@code role} may do what needs {@code required}. */
export function allows(role: Role | null | undefined, required: Role): boolean {
  return role != null && RANK[role] >= RANK[required];
}

export function decodeJwt(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

export function personOf(user: User): Person | null {
  const claims = decodeJwt(user.access_token);
  const role = strongestRole(claims.roles);
  if (!role) return null;
  return {
    subject: String(claims.sub ?? ''),
    name: String(claims.preferred_username ?? user.profile.preferred_username ?? claims.sub ?? ''),
    role,
    orgId: claims.org ? String(claims.org) : null,
    accessToken: user.access_token,
  };
}

let manager: UserManager | null = null;
let config: ConsoleConfig | null = null;

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console-config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`console configuration not available (${response.status})`);
  config = (await response.json()) as ConsoleConfig;
  return config;
}

export function consoleConfig(): ConsoleConfig | null {
  return config;
}

export function userManager(): UserManager {
  if (!manager) {
    if (!config) throw new Error('configuration not loaded');
    const origin = window.location.origin;
    manager = new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      redirect_uri: `${origin}/auth/callback`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      scope: 'openid profile',
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
    });
  }
  return manager;
}

export async function signIn(returnTo: string): Promise<void> {
  await userManager().signinRedirect({ state: returnTo });
}

/** Completes the code exchange at /auth/callback; returns where the person was going. */
export async function completeSignIn(): Promise<string> {
  const user = await userManager().signinRedirectCallback();
  return typeof user.state === 'string' && user.state.startsWith('/') ? user.state : '/';
}

export async function currentUser(): Promise<User | null> {
  const user = await userManager().getUser();
  return user && !user.expired ? user : null;
}

export async function signOut(): Promise<void> {
  const m = userManager();
  const user = await m.getUser();
  await m.removeUser();
  await m.signoutRedirect({ id_token_hint: user?.id_token });
}
