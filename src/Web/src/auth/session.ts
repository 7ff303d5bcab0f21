import { useSyncExternalStore } from "react";

/**
 * The signed-in user: a bearer token kept in this browser's local storage, and what its claims say. The console
 * reads the claims only to choose what to show; the API decides what is allowed.
 */
export type Role = "viewer" | "editor" | "admin";

export interface Membership {
  businessId: string;
  role: Role;
}

export interface Session {
  token: string;
  subject: string;
  memberships: Membership[];
  platformRoles: string[];
  expiresAt: Date | null;
}

const key = "multiphone.token";
const listeners = new Set<() => void>();
let cached: { token: string | null; session: Session | null } = { token: null, session: null };

function notify() {
  listeners.forEach((listener) => listener());
}

function decodePart(part: string): unknown {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const roles: Role[] = ["viewer", "editor", "admin"];

/** Reads a JWT's claims; null when it is not a readable token. */
export function parseToken(token: string): Session | null {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return null;
  try {
    const claims = decodePart(parts[1]!) as Record<string, unknown>;
    const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value ? [String(value)] : []);
    const memberships = list(claims.businesses).flatMap((entry) => {
      const at = entry.lastIndexOf(":");
      const role = entry.slice(at + 1) as Role;
      return at > 0 && roles.includes(role) ? [{ businessId: entry.slice(0, at), role }] : [];
    });
    return {
      token: token.trim(),
      subject: String(claims.sub ?? "unknown"),
      memberships,
      platformRoles: list(claims.roles),
      expiresAt: typeof claims.exp === "number" ? new Date(claims.exp * 1000) : null,
    };
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  return localStorage.getItem(key);
}

export function currentSession(): Session | null {
  const token = currentToken();
  if (token !== cached.token) cached = { token, session: token ? parseToken(token) : null };
  const session = cached.session;
  return session && (!session.expiresAt || session.expiresAt > new Date()) ? session : null;
}

export function signIn(token: string): Session | null {
  const session = parseToken(token);
  if (!session) return null;
  localStorage.setItem(key, session.token);
  notify();
  return session;
}

export function signOut(): void {
  if (localStorage.getItem(key) === null) return;
  localStorage.removeItem(key);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === key && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession);
}

/** What the role allows, mirroring the API's rules so the console can explain instead of failing. */
export function can(role: Role | undefined, action: "editSettings" | "manage"): boolean {
  if (!role) return false;
  return action === "editSettings" ? role === "editor" || role === "admin" : role === "admin";
}
