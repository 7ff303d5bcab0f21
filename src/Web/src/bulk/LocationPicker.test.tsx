import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { LocationPicker } from "./LocationPicker";
import { phone } from "./testData";

const phones = [phone("p1", "Oakland", ["downtown", "west-coast"]), phone("p2", "Austin", ["downtown"]), phone("p3", "Airport", [], { isActive: false })];

describe("LocationPicker", () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it("selects every location with a label, then one more by its checkbox, and clears the selection", async () => {
    render(<LocationPicker businessId="b1" phones={phones} />);

    await userEvent.selectOptions(screen.getByLabelText("Show"), "Labelled downtown");
    expect(screen.getAllByRole("checkbox").map((box) => box.parentElement!.textContent)).toEqual([expect.stringContaining("Oakland"), expect.stringContaining("Austin")]);
    await userEvent.click(screen.getByRole("button", { name: "Select all labelled downtown" }));
    expect(screen.getByRole("status").textContent).toBe("2 locations selected");

    await userEvent.selectOptions(screen.getByLabelText("Show"), "Every location");
    await userEvent.click(screen.getByRole("checkbox", { name: /Airport/ }));
    expect(screen.getAllByRole("checkbox").map((box) => (box as HTMLInputElement).checked)).toEqual([true, true, true]);
    expect(screen.getByRole("status").textContent).toBe("3 locations selected");

    await userEvent.click(screen.getByRole("button", { name: "Clear selection" }));
    expect(screen.getByRole("status").textContent).toBe("0 locations selected");
  });

  it("keeps the selection of each business apart, across a remount", async () => {
    const first = render(<LocationPicker businessId="b1" phones={phones} />);
    await userEvent.click(screen.getByRole("button", { name: "Select all" }));
    first.unmount();

    render(<LocationPicker businessId="b1" phones={phones} />);
    expect(screen.getByRole("status").textContent).toBe("3 locations selected");
    cleanup();
    render(<LocationPicker businessId="b2" phones={phones} />);
    expect(screen.getByRole("status").textContent).toBe("0 locations selected");
  });
});
