import { expect, expectAccessible, test } from "./fixtures";

// The only test on the demo business: it signs in as a demo user and puts back what it changes.
test("a demo user signs in, picks a location with the keyboard, overrides a voice field and resets it", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectAccessible(page);

  await page.getByRole("button", { name: /Eddie \(front desk\)/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Harbor Dental - Downtown/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Primary")).toBeVisible();

  const selector = page.getByRole("combobox", { name: "Location" });
  await selector.click();
  await selector.fill("oak");
  await expect(page.getByRole("listbox", { name: "Locations" }).getByRole("option")).toHaveCount(1);
  await selector.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Harbor Dental - Oakland" })).toBeVisible();
  await expect(page).toHaveURL(/\/b\/demo-dental\/phones\/[^/]+\/voice$/);

  const agentName = page.getByRole("textbox", { name: "Agent name" });
  const field = page.locator('[data-field="agentName"]');
  await expect(agentName).toHaveValue("Ava");
  await expect(field.getByText("Inherited from business defaults")).toBeVisible();
  await agentName.fill("Mia");
  await page.getByRole("button", { name: "Save voice agent" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await expect(field.getByText("Overridden for this location")).toBeVisible();
  await expect(field.getByText("Default: Ava")).toBeVisible();
  await expect(page.getByTestId("section-status")).toContainText("overrides 1 of 10 fields");

  // A link opens the same phone and section.
  await page.reload();
  await expect(agentName).toHaveValue("Mia");

  await page.getByRole("button", { name: "Reset to business defaults" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset to the business defaults" }).click();
  await expect(agentName).toHaveValue("Ava");
  await expect(page.getByTestId("section-status")).toContainText("follows the business defaults");
  await expectAccessible(page);
});
