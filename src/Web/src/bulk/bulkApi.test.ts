import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/problem";
import { applyBulkEdit, previewBulkEdit, readBulkEdit } from "./bulkApi";

// Installed before the modules load: the typed client keeps the fetch it finds then. It answers `answer` and keeps the requests.
const server = vi.hoisted(() => {
  const state = { requests: [] as { method: string; path: string; key: string | null; body: unknown }[], answer: { status: 200, body: {} as unknown } };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const text = await request.text();
    state.requests.push({ method: request.method, path: new URL(request.url).pathname, key: request.headers.get("Idempotency-Key"), body: text ? JSON.parse(text) : null });
    return new Response(JSON.stringify(state.answer.body), { status: state.answer.status, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

const request = { target: { label: "downtown" }, operation: { kind: "set", section: "voice", fields: { greeting: "Hello" } } } as const;

describe("bulkApi", () => {
  afterEach(() => {
    server.requests.length = 0;
  });

  it("previews as a dry run and applies with the Idempotency-Key it is given, so a retry applies once", async () => {
    server.answer = { status: 200, body: { counts: { changed: 0, unchanged: 0, failed: 0 }, items: [] } };
    await previewBulkEdit("b1", request);
    server.answer = { status: 202, body: { id: "bulk-1", statusQueryGetUri: "http://api.test/api/v2/businesses/b1/bulk-edits/bulk-1" } };
    await applyBulkEdit("b1", request, "key-1");
    await applyBulkEdit("b1", request, "key-1");

    expect(server.requests.map(({ method, path, key, body }) => [method, path, key, (body as { dryRun: boolean }).dryRun])).toEqual([
      ["POST", "/api/v2/businesses/b1/bulk-edits", null, true],
      ["POST", "/api/v2/businesses/b1/bulk-edits", "key-1", false],
      ["POST", "/api/v2/businesses/b1/bulk-edits", "key-1", false],
    ]);
    expect(server.requests[1]!.body).toEqual({ ...request, dryRun: false });
  });

  it("reads an edit the API sent without items (none done yet) as one with an empty list", async () => {
    server.answer = { status: 200, body: { id: "bulk-1", status: "running", total: 3, counts: { changed: 0, unchanged: 0, failed: 0 } } };

    expect((await readBulkEdit("b1", "bulk-1")).items).toEqual([]);
  });

  it("throws the API's problem, with the fields it names", async () => {
    server.answer = { status: 400, body: { type: "urn:multiphone:problem:validation", title: "Invalid", errors: { target: ["No phone has this label."] } } };

    const error = await previewBulkEdit("b1", request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.errors).toEqual({ target: ["No phone has this label."] });
  });
});
