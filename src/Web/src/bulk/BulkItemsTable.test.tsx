import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BulkItemsTable } from "./BulkItemsTable";
import { greetingItems } from "./testData";

function rows() {
  return screen.getAllByRole("row").slice(1);
}

describe("BulkItemsTable", () => {
  afterEach(cleanup);

  it("previews each location in a row: its outcome, each change before → after with its source, or why it fails", () => {
    render(<BulkItemsTable items={greetingItems()} section="voice" preview caption="The preview per location" businessId="b1" />);

    const table = screen.getByRole("table", { name: "The preview per location" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Location", "Outcome", "What would change"]);
    const [oakland, downtown, airport] = rows();
    expect(within(oakland!).getByRole("rowheader").textContent).toBe("Oakland");
    expect(oakland!.textContent).toContain("Would change");
    expect(within(oakland!).getByRole("listitem").textContent).toBe("Greeting: 'Hi' (business default) → 'Hello' (this location)");
    expect(downtown!.textContent).toContain("Unchanged");
    expect(airport!.textContent).toContain("Would fail");
    expect(airport!.textContent).toContain("Invalid settings · After hours: transfer to: Not a phone number.");
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("shows a result in the past tense, linking each changed location to its revision", () => {
    const items = greetingItems();
    items[0]!.revisionId = "rev-9";
    render(<BulkItemsTable items={items} section="voice" preview={false} caption="The result per location" businessId="b1" />);

    const [oakland, , airport] = rows();
    expect(oakland!.textContent).toContain("Changed");
    expect(airport!.textContent).toContain("Failed");
    expect(within(oakland!).getByRole("link", { name: "See the revision" }).getAttribute("href")).toBe("/b/b1/activity#revision-rev-9");
  });
});
