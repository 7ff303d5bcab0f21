import { expect, newBusiness, newNumber, signInWithToken, test, tokens } from "./fixtures";

test("an admin adds a location, makes it primary, is told why the primary cannot go, deactivates and deletes", async ({ page, request }) => {
  const business = await newBusiness(request, [{ name: "Main Street" }]);
  await signInWithToken(page, tokens.alice);
  await page.goto(`/b/${business.id}`);
  await expect(page.getByRole("heading", { level: 1, name: /Main Street/ })).toBeVisible();

  await page.getByRole("button", { name: "+ Add location" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a location" });
  await dialog.getByLabel("Phone number").fill("555");
  await dialog.getByLabel("Name", { exact: true }).fill("Harbor Point");
  await dialog.getByLabel("Time zone").selectOption("America/Los_Angeles");
  await dialog.getByRole("button", { name: "Add location" }).click();
  await expect(dialog.getByLabel("Phone number")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Phone number")).toHaveAccessibleDescription(/\w/);

  await dialog.getByLabel("Phone number").fill(newNumber());
  await dialog.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Harbor Point" })).toBeVisible();
  await expect(page).toHaveURL(/\/phones\/[^/]+\/voice$/);

  await page.getByRole("button", { name: "Make primary" }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Primary")).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete this location" }).click();
  await expect(page.getByRole("alert")).toContainText("make another phone primary first");

  const selector = page.getByRole("combobox", { name: "Location" });
  await selector.fill("main");
  await selector.press("ArrowDown");
  await selector.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Main Street" })).toBeVisible();
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Inactive")).toBeVisible();
  await selector.click();
  await expect(page.getByRole("option", { name: /Main Street/ })).toContainText("Inactive");
  await selector.press("Escape");

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete this location" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Harbor Point/ })).toBeVisible();
  await selector.click();
  await expect(page.getByRole("listbox", { name: "Locations" }).getByRole("option")).toHaveCount(1);
});

test("a business default reaches inheriting locations, and the defaults show who follows them", async ({ page, request }) => {
  const business = await newBusiness(request, [{ name: "North" }, { name: "South" }]);
  const [north, south] = business.phones;
  await signInWithToken(page, tokens.alice);

  await page.goto(`/b/${business.id}/phones/${south!.id}/sms`);
  await page.getByRole("textbox", { name: "Signature" }).fill("South desk");
  await page.getByRole("button", { name: "Save sms" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();

  await page.getByRole("link", { name: "Business defaults" }).click();
  await page.getByRole("navigation", { name: "Default sections" }).getByRole("link", { name: /^SMS/ }).click();
  await expect(page.getByTestId("inheritance")).toContainText("Followed by 1 of 2 locations (South overrides it)");
  await page.getByRole("textbox", { name: "Signature" }).fill("The clinic");
  await page.getByRole("button", { name: "Save sms" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();

  await page.goto(`/b/${business.id}/phones/${north!.id}/sms`);
  await expect(page.getByRole("textbox", { name: "Signature" })).toHaveValue("The clinic");
  await expect(page.locator('[data-field="signature"]')).toContainText("Inherited from business defaults");
  await page.goto(`/b/${business.id}/phones/${south!.id}/sms`);
  await expect(page.getByRole("textbox", { name: "Signature" })).toHaveValue("South desk");
});

test("conversation rules: errors appear at the rule they name, and rules reorder with the keyboard", async ({ page, request }) => {
  const business = await newBusiness(request, [{ name: "Rules Desk" }]);
  await signInWithToken(page, tokens.alice);
  await page.goto(`/b/${business.id}/phones/${business.phones[0]!.id}/rules`);

  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("When (rule 1)").fill("the caller asks for the dentist");
  await page.getByLabel("Then (rule 1)").selectOption("transfer");
  await page.getByLabel("Transfer to (rule 1)").fill("12");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("When (rule 2)").fill("the caller asks about prices");
  await page.getByLabel("Then (rule 2)").selectOption("answer");
  await page.getByLabel("Answer (rule 2)").fill("A check-up costs $120.");
  await page.getByRole("button", { name: "Save conversation rules" }).click();

  const transfer = page.getByLabel("Transfer to (rule 1)");
  await expect(transfer).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#err-rules-0--transferTo`)).toBeVisible();

  await transfer.fill("(415) 555-0100");
  await page.getByRole("button", { name: "Move rule 2 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("When (rule 1)")).toHaveValue("the caller asks about prices");
  await page.getByRole("button", { name: "Save conversation rules" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("When (rule 1)")).toHaveValue("the caller asks about prices");
  await expect(page.getByLabel("Transfer to (rule 2)")).toHaveValue("+14155550100");
});
