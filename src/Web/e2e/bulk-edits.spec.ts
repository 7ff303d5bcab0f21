import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, newBusiness, signInWithToken, test, tokens } from "./fixtures";

// Labels and bulk edits (issue 19): three locations labelled downtown get a new greeting in one bulk edit, previewed
// per location first; the result lists each, and one undo puts all three back. With UPDATE_SCREENSHOTS=1 the
// preview is saved to docs/screenshots.
const shots = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const defaultGreeting = "Hello, thank you for calling. How can I help you today?";

test.use({ viewport: { width: 1280, height: 900 } });

async function label(page: Page, url: string, labels: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("button", { name: "Edit details" }).click();
  const dialog = page.getByRole("dialog", { name: /^Edit / });
  await dialog.getByLabel("Labels").fill(labels);
  await expect(dialog.getByText("Saved as: downtown, west-coast.")).toBeVisible();
  await dialog.getByRole("button", { name: "Save details" }).click();
  await expect(dialog).toBeHidden();
}

test("three locations labelled downtown get a new greeting in one previewed bulk edit, and one undo puts it back", async ({ page, request }) => {
  // Two background runs (the edit and its undo) and nine page loads: longer than the default under the full suite's load.
  test.setTimeout(150_000);
  const business = await newBusiness(request, [{ name: "Downtown North" }, { name: "Downtown South" }, { name: "Downtown East" }, { name: "Airport" }]);
  const [north, south, east, airport] = business.phones;
  const url = (phone: { id: string }) => `/b/${business.id}/phones/${phone.id}/voice`;
  await signInWithToken(page, tokens.alice);
  for (const phone of [north!, south!, east!]) await label(page, url(phone), "Downtown, West Coast");

  // The selector shows the labels and finds the locations by one.
  const selector = page.getByRole("combobox", { name: "Location" });
  await selector.fill("downtown");
  await expect(page.getByRole("listbox", { name: "Locations" }).getByRole("option")).toHaveCount(3);
  await expect(page.getByRole("option", { name: /Downtown South/ })).toContainText("west-coast");
  await selector.press("Escape");

  // Select the label's locations, then change the greeting here and apply it to them.
  await page.getByRole("button", { name: "Select locations" }).click();
  const picker = page.getByRole("dialog", { name: "Select locations for bulk edits" });
  await picker.getByLabel("Show").selectOption({ label: "Labelled downtown" });
  await picker.getByRole("button", { name: "Select all labelled downtown" }).click();
  await expect(picker.getByRole("status")).toHaveText("3 locations selected");
  await expectAccessible(page);
  await picker.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("button", { name: "Select locations (3)" })).toBeVisible();

  await page.goto(url(north!));
  await page.getByRole("textbox", { name: "Greeting" }).fill("Welcome downtown.");
  await page.getByRole("button", { name: "Apply to selected…" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply voice agent to several locations" });
  await expect(dialog.getByRole("radio", { name: "Set Greeting: 'Welcome downtown.'" })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: "The selected locations (3)" })).toBeChecked();
  await dialog.getByRole("button", { name: "Preview" }).click();

  // The preview: each of the three would change, from the system default (the new business sets none) to its own value.
  const preview = dialog.getByRole("table", { name: "The preview per location" });
  await expect(preview.getByRole("row")).toHaveCount(4);
  for (const phone of [north!, south!, east!]) {
    const row = preview.getByRole("row").filter({ has: page.getByRole("rowheader", { name: phone.name }) });
    await expect(row).toContainText("Would change");
    await expect(row).toContainText(`Greeting: '${defaultGreeting}' (system default) → 'Welcome downtown.' (this location)`);
  }
  await expect(dialog).toContainText("3 would change, 0 unchanged, 0 would fail");
  await expectAccessible(page);
  if (process.env.UPDATE_SCREENSHOTS) await dialog.screenshot({ path: `${shots}bulk-preview.png` });

  // Apply: the result per location; every one of the three has the greeting, the fourth location does not.
  await dialog.getByRole("button", { name: "Apply to 3 locations" }).click();
  await expect(dialog.getByRole("heading", { level: 3 })).toContainText("Completed", { timeout: 30_000 });
  await expect(dialog.getByRole("status").filter({ hasText: "3 of 3 locations" })).toHaveText("3 of 3 locations: 3 changed, 0 unchanged, 0 failed");
  const result = dialog.getByRole("table", { name: "The result per location" });
  await expect(result.getByRole("row").filter({ has: page.getByText("Changed", { exact: true }) })).toHaveCount(3);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("textbox", { name: "Greeting" })).toHaveValue("Welcome downtown.");
  await page.goto(url(south!));
  await expect(page.getByRole("textbox", { name: "Greeting" })).toHaveValue("Welcome downtown.");
  await page.goto(url(airport!));
  await expect(page.getByRole("textbox", { name: "Greeting" })).toHaveValue(defaultGreeting);

  // The Bulk edits page lists it; opened, it is undone in one step, and the three follow the defaults again.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Bulk edits" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bulk edits" })).toBeVisible();
  const listed = page.getByRole("row").filter({ hasText: "Voice agent: set Greeting: 'Welcome downtown.'" });
  await expect(listed).toContainText("Completed", { timeout: 30_000 });
  await expect(listed).toContainText("3 changed, 0 unchanged, 0 failed");
  await listed.getByRole("link").click();
  await page.getByRole("button", { name: "Undo this bulk edit" }).click();
  await expect(page.getByRole("heading", { level: 3, name: /^Undo of / })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /^Undo of / })).toContainText("Completed", { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "of 3 locations" })).toHaveText("3 of 3 locations: 3 changed, 0 unchanged, 0 failed");
  await expectAccessible(page);
  for (const phone of [north!, south!, east!]) {
    await page.goto(url(phone));
    await expect(page.getByRole("textbox", { name: "Greeting" })).toHaveValue(defaultGreeting);
    await expect(page.getByTestId("section-status")).toContainText("This location follows the business defaults.");
  }
});
