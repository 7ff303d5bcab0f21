import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { supportDialogs } from "../schedules/testData";
import { HolidayImport } from "./HolidayImport";

supportDialogs();

describe("HolidayImport", () => {
  afterEach(cleanup);

  // Loading the data set and typing into a dozen fields takes seconds on a busy machine.
  it("lists a region's public holidays for review and adds the kept ones with their edited labels, leaving out dates already there", { timeout: 30_000 }, async () => {
    const onAdd = vi.fn();
    render(<HolidayImport existing={[{ date: "2027-01-01", label: "New Year", closed: true }]} onAdd={onAdd} />);

    await userEvent.click(screen.getByRole("button", { name: "Add public holidays…" }));
    await userEvent.selectOptions(await screen.findByLabelText("Country"), "DE");
    await userEvent.selectOptions(screen.getByLabelText("Region (optional)"), "BY");
    await userEvent.clear(screen.getByLabelText("Year"));
    await userEvent.type(screen.getByLabelText("Year"), "2027");
    const list = await screen.findByRole("list", { name: "Public holidays to add" });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(12));
    expect((screen.getByLabelText("Label of 2027-01-06") as HTMLInputElement).value).toBe("Heilige Drei Könige");
    expect((screen.getByRole("checkbox", { name: "2027-01-01 Neujahr" }) as HTMLInputElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole("checkbox", { name: "2027-05-01 Maifeiertag" }));
    await userEvent.clear(screen.getByLabelText("Label of 2027-12-25"));
    await userEvent.type(screen.getByLabelText("Label of 2027-12-25"), "Christtag");
    await userEvent.click(screen.getByRole("button", { name: "Add 10 holidays" }));

    const added = onAdd.mock.calls[0]![0] as { date: string; label: string; closed: boolean }[];
    expect(added).toHaveLength(10);
    expect(added).toContainEqual({ date: "2027-01-06", label: "Heilige Drei Könige", closed: true });
    expect(added).toContainEqual({ date: "2027-12-25", label: "Christtag", closed: true });
    expect(added.map((day) => day.date)).not.toContain("2027-05-01");
    expect(added.map((day) => day.date)).not.toContain("2027-01-01");
  });
});
