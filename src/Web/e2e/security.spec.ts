import { readFileSync } from "node:fs";
import { expect, newBusiness, signInWithToken, test, tokens } from "./fixtures";

// The one list of the console's security headers, as the build copied it: the Static Web App applies this file, and
// the app under test reads it from the build it serves.
const securityHeaders: Record<string, string> = JSON.parse(
  readFileSync(new URL("../dist/staticwebapp.config.json", import.meta.url), "utf8"),
).globalHeaders;

test("the console is served with the security headers of its Static Web App configuration", async ({ page }) => {
  const response = await page.goto("/");

  expect(Object.keys(securityHeaders)).toEqual(expect.arrayContaining(["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy"]));
  const headers = response!.headers();
  for (const [name, value] of Object.entries(securityHeaders)) {
    expect(headers[name], name).toBe(value);
  }
});

test("the console signs in, loads a location and goes live with no policy violation, console error or missing file", async ({ page, request }) => {
  const business = await newBusiness(request, [{ name: "Policy Desk" }]);
  const problems: string[] = [];
  // Chromium also logs each violation as a console error; the event says which directive refused what.
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) => console.error(`violation of ${event.effectiveDirective}: ${event.blockedURI}`)),
  );
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });

  await signInWithToken(page, tokens.alice);
  await page.goto(`/b/${business.id}/phones/${business.phones[0]!.id}/voice`);
  await expect(page.getByRole("heading", { level: 1, name: /Policy Desk/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^\s*Live\s*$/ })).toBeVisible();

  expect(problems).toEqual([]);
  const icon = await page.locator('link[rel="icon"]').getAttribute("href", { timeout: 1_000 });
  const iconResponse = await request.get(icon!);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()["content-type"]).toContain("image/svg+xml");
});

test("no page can frame the console, not even one of its own origin", async ({ page, baseURL }) => {
  // A page that frames the console and says when the frame has loaded (or failed to). Same origin, so nothing but
  // the console's own headers (frame-ancestors 'none', X-Frame-Options DENY) can stop it.
  await page.route(`${baseURL}/framer`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Framer</title><iframe title="console" src="/sign-in" onload="document.title = 'loaded'"></iframe>`,
    }),
  );

  await page.goto("/framer");
  await expect(page).toHaveTitle("loaded");

  // The browser puts its error page in the frame instead of the console.
  expect(await page.frameLocator("iframe").locator("#root").count()).toBe(0);
});
