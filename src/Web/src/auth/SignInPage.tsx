import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useLocation } from "wouter";
import { apiBaseUrl } from "../config";
import { signIn } from "./session";

interface DemoUser {
  id: string;
  name: string;
  description: string;
  businessId: string;
  role: string;
}

/**
 * Locally: one click per demo user (the app mints their token; the bundle holds no key or token). Anywhere: paste
 * a bearer token from your identity provider or from the app's `token` command.
 */
export function SignInPage() {
  const [, navigate] = useLocation();
  const id = useId();
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const demo = useQuery({
    queryKey: ["demo-users"],
    queryFn: async () => {
      const response = await fetch(`${apiBaseUrl}/api/dev/demo-users`);
      // Outside local development the route does not exist: only "paste a token" is offered.
      if (!response.ok) return [];
      return ((await response.json()) as { items: DemoUser[] }).items;
    },
    retry: false,
  });
  const enter = (token: string) => {
    const session = signIn(token);
    if (!session) {
      setError("That is not a bearer token (a JWT has three parts separated by dots).");
      return;
    }
    const first = session.memberships[0]?.businessId;
    navigate(first ? `/b/${encodeURIComponent(first)}` : "/");
  };
  const signInAs = async (user: DemoUser) => {
    setError(null);
    const response = await fetch(`${apiBaseUrl}/api/dev/demo-users/${encodeURIComponent(user.id)}/token`, { method: "POST" });
    if (!response.ok) {
      setError(`Could not sign in as ${user.name} (${response.status}).`);
      return;
    }
    enter(((await response.json()) as { token: string }).token);
  };
  return (
    <main className="signin" id="main">
      <h1>MultiPhone settings</h1>
      <p className="muted">Configure how each of your locations answers the phone.</p>
      {error && (
        <p role="alert" className="problem">
          {error}
        </p>
      )}
      {demo.data && demo.data.length > 0 && (
        <section aria-labelledby={`${id}-demo`}>
          <h2 id={`${id}-demo`}>Sign in as a demo user</h2>
          <p className="muted">Local development only: these people belong to the demo business.</p>
          <ul className="demo-users">
            {demo.data.map((user) => (
              <li key={user.id}>
                <button type="button" className="demo-user" onClick={() => void signInAs(user)}>
                  <strong>{user.name}</strong>
                  <span>{user.description}</span>
                  <span className="badge">{user.role} of {user.businessId}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby={`${id}-paste`}>
        <h2 id={`${id}-paste`}>Sign in with a token</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            enter(pasted);
          }}
        >
          <label htmlFor={`${id}-token`}>Bearer token</label>
          <textarea id={`${id}-token`} rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} aria-describedby={`${id}-token-hint`} />
          <p className="field-hint" id={`${id}-token-hint`}>
            Locally: <code>dotnet run --project src/Functions -- token --sub you --business ID:editor</code>
          </p>
          <button type="submit" className="primary" disabled={!pasted.trim()}>
            Sign in
          </button>
        </form>
      </section>
    </main>
  );
}
