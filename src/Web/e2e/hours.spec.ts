import { expect, expectAccessible, newBusiness, signInWithToken, test, tokens } from "./fixtures";

test("an overnight period, copied to other days, then a holiday: the preview follows each save", async ({ page, request }) => {
  const business = await newBusiness(request, [{ name: "Night Clinic", timezone: "America/New_York" }]);
  await signInWithToken(page, tokens.alice);
  await page.goto(`/b/${business.id}/phones/${business.phones[0]!.id}/hours`);
  await expect(page.getByText("Times are in its time zone, America/New_York")).toBeVisible();

  // Monday 1 March 2027, 23:00 in New York: closed under the system's nine to five.
  const preview = page.getByTestId("hours-preview");
  await page.getByLabel("At (America/New_York)").fill("2027-03-01T23:00");
  await expect(preview).toContainText("Closed at Mon, Mar 1, 11:00 PM");

  await page.getByRole("button", { name: "+ Period on Monday" }).click();
  await page.getByLabel("Monday period 2 opens").fill("22:00");
  await page.getByLabel("Monday period 2 closes").fill("02:00");
  const monday = page.locator('[data-day="monday"]');
  await expect(monday.getByText("next day")).toBeVisible();
  await expect(page.locator('[data-field="weekly"]').getByText("Overridden for this location")).toBeVisible();

  await monday.getByRole("button", { name: /Copy to…/ }).click();
  await page.getByRole("group", { name: "Copy Monday's times to" }).getByLabel("Tuesday").check();
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page.locator('[data-day="tuesday"]').getByText("next day")).toBeVisible();

  await page.getByRole("button", { name: "Save operating hours" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await expect(preview).toContainText("Open at Mon, Mar 1, 11:00 PM");
  await expect(preview).toContainText("Closes Tue, Mar 2, 2:00 AM (in 3 h 0 min)");

  await page.getByRole("button", { name: "Add a holiday" }).click();
  const holiday = page.locator('[data-special="holidays[0]"]');
  await holiday.getByLabel("Label").fill("Founders' day");
  await holiday.getByLabel("From").fill("2027-03-01");
  await page.getByRole("button", { name: "Save operating hours" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await expect(preview).toContainText("Closed at Mon, Mar 1, 11:00 PM");
  await expect(preview).toContainText("Opens Tue, Mar 2, 9:00 AM");
  await expectAccessible(page);
});

test("24/7 with a special date: the API's overlap errors appear at the periods they name", async ({ page, request }) => {
  const business = await newBusiness(request, [{ name: "Always Clinic", timezone: "America/Chicago" }]);
  await signInWithToken(page, tokens.alice);
  await page.goto(`/b/${business.id}/phones/${business.phones[0]!.id}/hours`);

  await page.getByRole("button", { name: "+ Period on Wednesday" }).click();
  await page.getByLabel("Wednesday period 2 opens").fill("16:00");
  // The grid warns before saving, and the API refuses the same overlap with the period's path.
  await expect(page.locator('[data-day="wednesday"]').getByRole("alert")).toContainText("Overlaps Wednesday 09:00–17:00.");
  await page.getByRole("button", { name: "Save operating hours" }).click();
  await expect(page.locator('[data-day="wednesday"]').getByRole("alert")).toContainText("Overlaps weekly[2]");
  await page.getByRole("button", { name: "Remove Wednesday period 2" }).click();

  await page.getByLabel("Open 24/7").selectOption("yes");
  await page.getByRole("button", { name: "Add a special date" }).click();
  const special = page.locator('[data-special="specialDays[0]"]');
  await special.getByLabel("From").fill("2027-07-04");
  await special.getByLabel("Hours").selectOption("closed");
  await page.getByRole("button", { name: "Save operating hours" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();

  const preview = page.getByTestId("hours-preview");
  await page.getByLabel("At (America/Chicago)").fill("2027-07-04T12:00");
  await expect(preview).toContainText("Closed at Sun, Jul 4, 12:00 PM");
  await page.getByLabel("At (America/Chicago)").fill("2027-07-05T03:00");
  await expect(preview).toContainText("Open at Mon, Jul 5, 3:00 AM");
});
