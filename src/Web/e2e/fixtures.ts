import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type APIRequestContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";

export { expect };

type Tokens = { alice: string; bob: string };
export const tokens: Tokens = JSON.parse(process.env.E2E_TOKENS ?? "{}");

export interface Business {
  id: string;
  phones: { id: string; name: string; timezone: string }[];
}

/** A valid, unused US number: a random line in an area code and exchange that numbering plans accept. */
export function newNumber(): string {
  const areas = ["212", "415", "312", "617", "206", "303", "512", "702"];
  const area = areas[Math.floor(Math.random() * areas.length)];
  const exchange = 234 + Math.floor(Math.random() * 500);
  return `+1${area}${exchange === 311 || exchange % 100 === 11 ? exchange + 1 : exchange}${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
}

/** A business of the test's own with the given locations, created through the API as ops. */
export async function newBusiness(request: APIRequestContext, locations: { name: string; timezone?: string }[]): Promise<Business> {
  const id = `e2e-${randomUUID().slice(0, 8)}`;
  const headers = { Authorization: `Bearer ${tokens.alice}` };
  const put = await request.put(`/api/v2/businesses/${id}`, { headers, data: { name: `Test Clinic ${id}`, companyProfile: { defaultCountry: "US" } } });
  expect(put.status(), await put.text()).toBe(201);
  const plan = await request.put(`/api/v2/businesses/${id}/subscription`, { headers: { ...headers, "If-Match": "*" }, data: { plan: "enterprise", maxPhoneNumbers: 50 } });
  expect(plan.ok(), await plan.text()).toBe(true);
  const phones = [];
  for (const location of locations) {
    const timezone = location.timezone ?? "America/New_York";
    const created = await request.post(`/api/v2/businesses/${id}/phone-numbers`, {
      headers: { ...headers, "Idempotency-Key": randomUUID() },
      data: { phoneNumber: newNumber(), displayName: location.name, timezone },
    });
    expect(created.status(), await created.text()).toBe(201);
    phones.push({ id: (await created.json()).id as string, name: location.name, timezone });
  }
  return { id, phones };
}

/** Signs the page in with a pasted token, the way anyone without demo users does. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Bearer token").fill(token);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** No serious or critical accessibility violation on what the page shows now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export const test = base;
