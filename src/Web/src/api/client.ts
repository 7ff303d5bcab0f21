import createClient, { type Middleware } from "openapi-fetch";
import { apiBaseUrl } from "../config";
import { currentToken, signOut } from "../auth/session";
import { ApiError, toProblem } from "./problem";
import type { components, paths } from "./schema.gen";

export type Schemas = components["schemas"];

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to the sign-in page rather than a console full of errors.
    if (response.status === 401) signOut();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: apiBaseUrl });
api.use(auth);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful call, or an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(response.status, error));
  return data as T;
}

/** The body and the ETag of a successful call (PUT and DELETE need it back as If-Match). */
export async function unwrapWithETag<T>(call: Promise<FetchResult<T>>): Promise<{ data: T; etag: string }> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(response.status, error));
  return { data: data as T, etag: response.headers.get("ETag") ?? "" };
}

/** A unique Idempotency-Key for one creating POST (its retries reuse it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
