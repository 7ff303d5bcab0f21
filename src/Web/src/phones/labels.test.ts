import { describe, expect, it } from "vitest";
import { phone } from "../bulk/testData";
import { allLabels, labelProblem, normaliseLabel, parseLabels, phonesWithLabel } from "./labels";
import { searchPhones } from "./phoneFormat";

describe("labels", () => {
  it("normalises a label as typed to lower-case words joined by single hyphens", () => {
    expect(normaliseLabel("  West Coast ")).toBe("west-coast");
    expect(normaliseLabel("Bay_Area  north")).toBe("bay-area-north");
    expect(normaliseLabel(" - Downtown -- 2 ")).toBe("downtown-2");
  });

  it("reads a comma-separated field as its labels, in the order typed, without blanks or duplicates", () => {
    expect(parseLabels("Downtown, west coast,, DOWNTOWN , ")).toEqual(["downtown", "west-coast"]);
    expect(parseLabels("   ")).toEqual([]);
  });

  it("says why a label the API would refuse is refused", () => {
    expect(labelProblem("west-coast")).toBeNull();
    expect(labelProblem("café")).toContain("only letters, digits and single hyphens");
    expect(labelProblem("a".repeat(41))).toContain("longer than 40 characters");
  });

  it("lists every label in use once, sorted, and the locations with one", () => {
    const phones = [phone("p1", "Oakland", ["west-coast", "downtown"]), phone("p2", "Austin", ["downtown"]), phone("p3", "Airport")];

    expect(allLabels(phones)).toEqual(["downtown", "west-coast"]);
    expect(phonesWithLabel(phones, "downtown").map((p) => p.id)).toEqual(["p1", "p2"]);
  });

  it("finds locations in the selector by a label however it is typed", () => {
    const phones = [phone("p1", "Oakland", ["west-coast"]), phone("p2", "Austin", ["downtown"])];

    expect(searchPhones(phones, "West Coast").map((p) => p.id)).toEqual(["p1"]);
    expect(searchPhones(phones, "down").map((p) => p.id)).toEqual(["p2"]);
  });
});
