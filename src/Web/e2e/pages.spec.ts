import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, newBusiness, signInWithToken, test, tokens } from "./fixtures";

// Every page of the console passes axe (no serious or critical violation). With UPDATE_SCREENSHOTS=1 each is also
// saved to docs/screenshots for the README.
const shots = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
async function capture(page: Page, name: string) {
  await expectAccessible(page);
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

test.use({ viewport: { width: 1280, height: 860 } });

async function signedIntoNewBusiness(page: Page, request: Parameters<typeof newBusiness>[0]) {
  const business = await newBusiness(request, [{ name: "Downtown" }, { name: "Uptown", timezone: "America/Chicago" }]);
  await signInWithToken(page, tokens.alice);
  return business;
}

const phoneSections = [
  ["voice", "Voice agent"],
  ["rules", "Conversation rules"],
  ["hours", "Operating hours"],
  ["sms", "SMS"],
  ["staff", "Staff at this location"],
  ["services", "Services"],
] as const;

for (const [section, heading] of phoneSections) {
  test(`a location's ${section} page is accessible`, async ({ page, request }) => {
    const business = await signedIntoNewBusiness(page, request);
    await page.goto(`/b/${business.id}/phones/${business.phones[0]!.id}/${section}`);
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    if (section === "hours") await expect(page.getByTestId("hours-preview")).toContainText(/Open|Closed/);
    await capture(page, `phone-${section}`);
  });
}

for (const section of ["voice", "rules", "hours", "sms"]) {
  test(`the business defaults' ${section} page is accessible`, async ({ page, request }) => {
    const business = await signedIntoNewBusiness(page, request);
    await page.goto(`/b/${business.id}/defaults/${section}`);
    await expect(page.getByTestId("inheritance")).toContainText("Followed by 2 of 2 locations");
    await capture(page, `defaults-${section}`);
  });
}

test("the add-location dialog is accessible", async ({ page, request }) => {
  const business = await signedIntoNewBusiness(page, request);
  await page.goto(`/b/${business.id}`);
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
