import { describe, expect, it } from "vitest";
import { allowConnectionsTo } from "../vite.config";

describe("the Static Web App's content security policy in a build for the Function App", () => {
  const csp = "default-src 'self'; connect-src 'self' wss://*.service.signalr.net; frame-ancestors 'none'";

  it("lets the console connect to the API's origin and changes nothing else", () => {
    expect(allowConnectionsTo(csp, "https://func-abc.azurewebsites.net")).toBe(
      "default-src 'self'; connect-src 'self' wss://*.service.signalr.net https://func-abc.azurewebsites.net; frame-ancestors 'none'",
    );
  });

  it("refuses a policy without connect-src, whose default would block the API", () => {
    expect(() => allowConnectionsTo("default-src 'self'", "https://func-abc.azurewebsites.net")).toThrow(/no connect-src/);
  });
});
