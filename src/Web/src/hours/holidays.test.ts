import { beforeAll, describe, expect, it } from "vitest";
import { countriesOf, loadHolidayLibrary, publicHolidays, regionsOf, toHolidays, type HolidayLibrary } from "./holidays";

let library: HolidayLibrary;
beforeAll(async () => {
  library = await loadHolidayLibrary();
});

describe("publicHolidays", () => {
  it("lists the United States' federal holidays of 2027 with Independence Day and its observed Monday", () => {
    const holidays = publicHolidays(library, "US", undefined, 2027);

    expect(holidays).toContainEqual({ date: "2027-07-04", label: "Independence Day", include: true });
    expect(holidays).toContainEqual({ date: "2027-07-05", label: "Independence Day (substitute day)", include: true });
    expect(holidays.map((h) => h.date)).toContain("2027-11-25");
  });

  it("names Bavaria's holidays in German, including Heilige Drei Könige, which the rest of Germany does not have", () => {
    const bavaria = publicHolidays(library, "DE", "BY", 2027);
    const berlin = publicHolidays(library, "DE", "BE", 2027);

    expect(bavaria).toContainEqual({ date: "2027-01-06", label: "Heilige Drei Könige", include: true });
    expect(bavaria).toContainEqual({ date: "2027-01-01", label: "Neujahr", include: true });
    expect(berlin.map((h) => h.date)).not.toContain("2027-01-06");
  });

  it("leaves out observances, which are not days off", () => {
    const bavaria = publicHolidays(library, "DE", "BY", 2027);

    // Lichtmess (2 February) is an observance in the data set.
    expect(bavaria.map((h) => h.date)).not.toContain("2027-02-02");
    expect(bavaria.map((h) => h.label)).not.toContain("Lichtmess");
  });

  it("offers the countries by name and a country's regions in its own language", () => {
    expect(countriesOf(library)).toContainEqual(["DE", "Germany"]);
    expect(regionsOf(library, "DE")).toContainEqual(["BY", "Bayern"]);
  });
});

describe("toHolidays", () => {
  it("adds the kept holidays as closed days with their edited labels, skipping unchecked ones and dates already listed", () => {
    const choices = [
      { date: "2027-01-01", label: "Neujahr", include: true },
      { date: "2027-01-06", label: " Dreikönig ", include: true },
      { date: "2027-04-02", label: "Karfreitag", include: false },
    ];

    const added = toHolidays(choices, [{ date: "2027-01-01", label: "New Year", closed: true }]);

    expect(added).toEqual([{ date: "2027-01-06", label: "Dreikönig", closed: true }]);
  });
});
