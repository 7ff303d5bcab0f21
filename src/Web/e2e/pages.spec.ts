import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

// Every page of the console passes axe (no serious or critical violation). With UPDATE_SCREENSHOTS=1 each is also
// saved to docs/screenshots for the README.
const shots = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
async function capture(page: Page, name: string) {
  await expectAccessible(page);
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

test.use({ viewport: { width: 1280, height: 860 } });

// These only look: they visit the demo business as its admin (its Manhattan office overrides the hours), so the
// screenshots show what a new user sees. Tests that change things use businesses of their own.
async function manhattanAsOlivia(page: Page) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /Olivia \(owner\)/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Harbor Dental - Downtown/ })).toBeVisible();
  const selector = page.getByRole("combobox", { name: "Location" });
  await selector.fill("Manhattan");
  await selector.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Harbor Dental - Manhattan" })).toBeVisible();
}

const phoneSections = [
  ["voice", "Voice agent"],
  ["rules", "Conversation rules"],
  ["hours", "Operating hours"],
  ["sms", "SMS"],
  ["staff", "Staff"],
  ["services", "Services"],
] as const;

for (const [section, link] of phoneSections) {
  test(`a location's ${section} page is accessible`, async ({ page }) => {
    await manhattanAsOlivia(page);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: new RegExp(`^${link}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/${section}$`));
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    if (section === "hours") await expect(page.getByTestId("hours-preview")).toContainText(/Open|Closed/);
    if (section === "staff") await expect(page.getByRole("rowheader", { name: "Dr. Maya Lee" })).toBeVisible();
    await capture(page, `phone-${section}`);
  });
}

for (const section of ["voice", "rules", "hours", "sms"]) {
  test(`the business defaults' ${section} page is accessible`, async ({ page }) => {
    await manhattanAsOlivia(page);
    await page.goto(`/b/demo-dental/defaults/${section}`);
    await expect(page.getByTestId("inheritance")).toContainText(/Followed by \d of 3 locations/);
    await capture(page, `defaults-${section}`);
  });
}

test("the add-location dialog is accessible", async ({ page }) => {
  await manhattanAsOlivia(page);
  await page.getByRole("button", { name: "+ Add location" }).click();
  await expect(page.getByRole("dialog", { name: "Add a location" })).toBeVisible();
  await capture(page, "add-location");
});

test("the sign-in page and the location selector are accessible", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in as a demo user" })).toBeVisible();
  await capture(page, "sign-in");

  await page.getByRole("button", { name: /Vera \(accountant\)/ }).click();
  await expect(page.getByText("You can view these settings; changing them needs the editor role.")).toBeVisible();
  await page.getByRole("combobox", { name: "Location" }).click();
  await expect(page.getByRole("listbox", { name: "Locations" })).toBeVisible();
  await capture(page, "location-selector");
});
