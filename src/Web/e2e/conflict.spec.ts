import type { Browser, Page } from "@playwright/test";
import { expect, newBusiness, signInWithToken, test, tokens } from "./fixtures";

async function openVoice(browser: Browser, token: string, url: string, live = true): Promise<Page> {
  const context = await browser.newContext();
  if (!live) {
    // This browser hears nothing live, so only the save itself can find out that someone else saved first.
    await context.route("**/api/v2/realtime/**", (route) => route.abort());
  }
  const page = await context.newPage();
  await signInWithToken(page, token);
  await page.goto(url);
  await expect(page.getByRole("textbox", { name: "Agent name" })).toBeVisible();
  return page;
}

test("someone else's save while I edit is announced at once; overwrite keeps mine", async ({ browser, request }) => {
  const business = await newBusiness(request, [{ name: "Shared Desk" }]);
  const url = `/b/${business.id}/phones/${business.phones[0]!.id}/voice`;
  const alice = await openVoice(browser, tokens.alice, url);
  const bob = await openVoice(browser, tokens.bob, url);
  await expect(bob.getByRole("status").filter({ hasText: /^\s*Live\s*$/ })).toBeVisible();

  await bob.getByRole("textbox", { name: "Agent name" }).fill("Bob's agent");
  await alice.getByRole("textbox", { name: "Greeting" }).fill("Alice's greeting");
  await alice.getByRole("button", { name: "Save voice agent" }).click();
  await expect(alice.getByText("All changes saved.")).toBeVisible();

  const dialog = bob.getByRole("alertdialog", { name: "Someone else changed these settings" });
  await expect(dialog).toContainText("while you were editing", { timeout: 15_000 });
  await dialog.getByRole("button", { name: "Overwrite with mine" }).click();
  await expect(bob.getByText("All changes saved.")).toBeVisible();

  await alice.reload();
  await expect(alice.getByRole("textbox", { name: "Agent name" })).toHaveValue("Bob's agent");
  await expect(alice.getByRole("textbox", { name: "Greeting" })).toHaveValue("Hello, thank you for calling. How can I help you today?");
});

test("a save refused because someone else saved first offers their version, which reload shows", async ({ browser, request }) => {
  const business = await newBusiness(request, [{ name: "Shared Desk" }]);
  const url = `/b/${business.id}/phones/${business.phones[0]!.id}/voice`;
  const alice = await openVoice(browser, tokens.alice, url);
  const bob = await openVoice(browser, tokens.bob, url, false);

  await alice.getByRole("textbox", { name: "Agent name" }).fill("Alice's agent");
  await alice.getByRole("button", { name: "Save voice agent" }).click();
  await expect(alice.getByText("All changes saved.")).toBeVisible();

  await bob.getByRole("textbox", { name: "Agent name" }).fill("Bob's agent");
  await bob.getByRole("button", { name: "Save voice agent" }).click();
  const dialog = bob.getByRole("alertdialog", { name: "Someone else changed these settings" });
  await expect(dialog).toContainText("your save was not applied");
  await dialog.getByRole("button", { name: "Reload their version" }).click();

  await expect(bob.getByRole("textbox", { name: "Agent name" })).toHaveValue("Alice's agent");
  await expect(bob.getByText("All changes saved.")).toBeVisible();
});
