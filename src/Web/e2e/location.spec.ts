import { randomUUID } from "node:crypto";
import { expect, newBusiness, signInWithToken, test, tokens } from "./fixtures";

test("an admin assigns staff to a location and switches a business service off there", async ({ page, request }) => {
  const business = await newBusiness(request, [{ name: "Clinic" }]);
  const headers = { Authorization: `Bearer ${tokens.alice}` };
  for (const [path, data] of [
    ["staff", { name: "Dr. Ana Ruiz", phone: "(415) 555-0142" }],
    ["services", { name: "Cleaning", durationMinutes: 45, bookable: true }],
  ] as const) {
    const created = await request.post(`/api/v2/businesses/${business.id}/${path}`, { headers: { ...headers, "Idempotency-Key": randomUUID() }, data });
    expect(created.status(), await created.text()).toBe(201);
  }
  await signInWithToken(page, tokens.alice);
  const base = `/b/${business.id}/phones/${business.phones[0]!.id}`;

  await page.goto(`${base}/staff`);
  await expect(page.getByText("Nobody is assigned to this location.")).toBeVisible();
  await page.getByLabel("Add a staff member").selectOption({ label: "Dr. Ana Ruiz" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByLabel("Role of Dr. Ana Ruiz here").fill("Hygienist");
  await page.getByLabel("Dr. Ana Ruiz takes transferred calls").check();
  await page.getByRole("button", { name: "Save staff" }).click();
  await expect(page.getByText("All changes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Role of Dr. Ana Ruiz here")).toHaveValue("Hygienist");
  await expect(page.getByLabel("Dr. Ana Ruiz takes transferred calls")).toBeChecked();

  await page.goto(`${base}/services`);
  const offered = page.getByRole("checkbox", { name: /Cleaning offered here/ });
  await expect(offered).toBeChecked();
  // The switch follows the cache, which its optimistic update changes once in-flight reads are cancelled: a moment
  // after the click, not during it (uncheck() would check at once), so the assertion waits for it.
  await offered.click();
  await expect(offered).not.toBeChecked();
  await page.getByLabel("Service name").fill("Emergency visit");
  await page.getByLabel("Minutes").fill("30");
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByRole("button", { name: "Remove Emergency visit" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Cleaning offered here/ })).not.toBeChecked();
  await expect(page.getByText("Emergency visit")).toBeVisible();
});
