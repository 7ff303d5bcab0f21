import { fileURLToPath } from "node:url";
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { expect, expectAccessible, newBusiness, signInWithToken, test, tokens } from "./fixtures";

// History and undo (issue 17): each section's History panel, live in a second browser, restoring and undoing, and
// the business-wide Activity page. With UPDATE_SCREENSHOTS=1 the panel and the page are saved to docs/screenshots.
const shots = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const defaultGreeting = "Hello, thank you for calling. How can I help you today?";

test.use({ viewport: { width: 1280, height: 860 } });

async function openVoice(browser: Browser, token: string, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithToken(page, token);
  await page.goto(url);
  await expect(page.getByRole("textbox", { name: "Agent name" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^\s*Live\s*$/ })).toBeVisible();
  return page;
}

async function saveGreeting(page: Page, greeting: string) {
  await page.getByRole("textbox", { name: "Greeting" }).fill(greeting);
  await page.getByRole("button", { name: "Save voice agent" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
}

/** Opens the voice section's History panel; its entries, newest first (not the changed fields listed inside them). */
async function openHistory(page: Page): Promise<{ panel: Locator; entries: Locator }> {
  const panel = page.getByRole("region", { name: "History" });
  await panel.getByRole("button", { name: "Show history" }).click();
  await expect(panel.getByText("Loading history…")).toHaveCount(0);
  return { panel, entries: panel.getByRole("list", { name: /^Changes to voice agent/ }).locator(":scope > li") };
}

async function agentGreeting(request: APIRequestContext, businessId: string, phoneId: string): Promise<string> {
  const response = await request.get(`/api/v2/businesses/${businessId}/phone-numbers/${phoneId}/agent-config`, {
    headers: { Authorization: `Bearer ${tokens.alice}` },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).voice.effective.greeting;
}

/** Writes a section through the API as alice, on the version it has now. */
async function putSection(request: APIRequestContext, path: string, data: object) {
  const headers = { Authorization: `Bearer ${tokens.alice}` };
  const current = await request.get(path, { headers });
  expect(current.status(), await current.text()).toBe(200);
  const put = await request.put(path, { headers: { ...headers, "If-Match": `"v${(await current.json()).version}"` }, data });
  expect(put.ok(), await put.text()).toBe(true);
}

test("an edit appears in another browser's history live; restoring the earlier version brings its greeting back everywhere", async ({ browser, request }) => {
  const business = await newBusiness(request, [{ name: "History Desk" }]);
  const phone = business.phones[0]!;
  const url = `/b/${business.id}/phones/${phone.id}/voice`;
  const alice = await openVoice(browser, tokens.alice, url);
  const bob = await openVoice(browser, tokens.bob, url);
  const { panel, entries } = await openHistory(bob);

  await saveGreeting(alice, "Welcome to History Desk.");
  await expect(entries.first()).toContainText("Greeting:", { timeout: 15_000 });
  await expect(entries.first()).toContainText("'Welcome to History Desk.'");
  await expect(entries.first()).toContainText(/alice/i);

  await saveGreeting(alice, "Second greeting.");
  await expect(entries.first()).toContainText("'Second greeting.'", { timeout: 15_000 });
  await expect(bob.getByRole("textbox", { name: "Greeting" })).toHaveValue("Second greeting.");
  await expectAccessible(bob);
  if (process.env.UPDATE_SCREENSHOTS) await panel.screenshot({ path: `${shots}history-panel.png` });

  const earlier = entries.nth(1);
  await expect(earlier).toContainText("'Welcome to History Desk.'");
  await expect(earlier).not.toContainText("'Second greeting.'");
  await earlier.getByRole("button", { name: /^Restore this version/ }).click();

  await expect(panel.getByRole("status")).toContainText("Restored the version of");
  await expect(bob.getByRole("textbox", { name: "Greeting" })).toHaveValue("Welcome to History Desk.");
  await expect(bob.getByText("All changes saved.")).toBeVisible();
  // The restore is a revision of its own, on top, and now the current version.
  await expect(entries.first()).toContainText("Restore");
  await expect(entries.first()).toContainText("Current version");
  await expect(alice.getByRole("textbox", { name: "Greeting" })).toHaveValue("Welcome to History Desk.", { timeout: 15_000 });
  await expect.poll(() => agentGreeting(request, business.id, phone.id), { timeout: 10_000 }).toBe("Welcome to History Desk.");
});

test("undoing a change that a later change overlaps names the field; undo anyway puts back what was before", async ({ browser, request }) => {
  const business = await newBusiness(request, [{ name: "Undo Desk" }]);
  const phone = business.phones[0]!;
  const page = await openVoice(browser, tokens.alice, `/b/${business.id}/phones/${phone.id}/voice`);
  const { entries } = await openHistory(page);
  await saveGreeting(page, "First change.");
  await saveGreeting(page, "Later change.");
  await expect(entries.first()).toContainText("'Later change.'");

  const first = entries.nth(1);
  await first.getByRole("button", { name: /^Undo this change/ }).click();
  const conflict = first.getByRole("alert");
  await expect(conflict).toContainText("Greeting: changed later to 'Later change.'; undoing sets it back to not set");
  await expectAccessible(page);
  await conflict.getByRole("button", { name: "Undo anyway" }).click();

  // Before the first change the location had no greeting of its own: it follows the business default again.
  await expect(page.getByRole("textbox", { name: "Greeting" })).toHaveValue(defaultGreeting);
  await expect(page.getByRole("status").filter({ hasText: "Undid the change of" })).toBeVisible();
  await expect.poll(() => agentGreeting(request, business.id, phone.id), { timeout: 10_000 }).toBe(defaultGreeting);
});

test("the Activity page lists the business's changes with where they apply, filters them, and is accessible", async ({ browser, request }) => {
  const business = await newBusiness(request, [{ name: "Uptown" }, { name: "Harbor" }]);
  const [uptown, harbor] = business.phones as [(typeof business.phones)[0], (typeof business.phones)[0]];
  const base = `/api/v2/businesses/${business.id}`;
  await putSection(request, `${base}/phone-numbers/${harbor.id}/settings/voice`, { greeting: "Harbor's own greeting." });
  await putSection(request, `${base}/settings/defaults/voice`, { greeting: "Welcome to every location." });

  const page = await openVoice(browser, tokens.alice, `/b/${business.id}/phones/${uptown.id}/voice`);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  const entries = page.getByRole("list", { name: "Activity, newest first" }).locator(":scope > li");
  const defaultsEntry = entries.filter({ has: page.getByRole("link", { name: "Business defaults · Voice agent" }) });
  await expect(defaultsEntry).toContainText("Affects 1 location; 1 overrides it (Harbor).");
  await expect(entries.filter({ has: page.getByRole("link", { name: "Harbor · Voice agent" }) })).toContainText("'Harbor's own greeting.'");
  await expectAccessible(page);
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `${shots}activity.png`, fullPage: true });

  const filters = page.getByRole("form", { name: "Filter the activity" });
  await filters.getByLabel("Location").selectOption({ label: "Harbor" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(entries.filter({ has: page.getByRole("link", { name: "Business defaults · Voice agent" }) })).toHaveCount(0);
  await expect(entries.filter({ has: page.getByRole("link", { name: "Harbor · Voice agent" }) })).toHaveCount(1);
  await filters.getByLabel("Section").selectOption({ label: "SMS" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("Nothing matches these filters.")).toBeVisible();

  // A change made now shows up without a reload.
  await filters.getByRole("button", { name: "Clear" }).click();
  await putSection(request, `${base}/phone-numbers/${uptown.id}/settings/sms`, { signature: "Uptown team" });
  await expect(entries.filter({ has: page.getByRole("link", { name: "Uptown · SMS" }) })).toContainText("'Uptown team'", { timeout: 15_000 });

  await page.getByRole("link", { name: "Uptown · SMS" }).click();
  await expect(page).toHaveURL(new RegExp(`/b/${business.id}/phones/${uptown.id}/sms$`));
});
