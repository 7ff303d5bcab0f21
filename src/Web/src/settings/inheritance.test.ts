import { describe, expect, it } from "vitest";
import { compact, getPath, ownCount, sameValue, setPath, sourceBadge, sourceLabel, sourceOf, type Source } from "./inheritance";

const sources: Record<string, Source> = {
  agentName: "phone",
  greeting: "business",
  language: "system",
  "afterHours.action": "business",
  "afterHours.message": "phone",
  "afterHours.transferTo": "system",
};

describe("inheritance display", () => {
  it("names the source of a field exactly, and of an object by its closest layer", () => {
    expect(sourceOf(sources, "greeting")).toBe("business");
    expect(sourceOf(sources, "afterHours")).toBe("phone");
    expect(sourceOf({ "x.a": "system", "x.b": "business" }, "x")).toBe("business");
    expect(sourceOf(sources, "missing")).toBeUndefined();
  });

  it("says inherited or overridden from the point of view of the layer being edited", () => {
    expect(sourceLabel("phone", "phone")).toBe("Overridden for this location");
    expect(sourceLabel("business", "phone")).toBe("Inherited from business defaults");
    expect(sourceLabel("business", "defaults")).toBe("Set for the business");
    expect(sourceLabel("system", "defaults")).toBe("System default");
    expect(sourceBadge("phone", "phone")).toBe("Overridden");
    expect(sourceBadge("business", "phone")).toBe("Inherited");
    expect(sourceBadge("business", "defaults")).toBe("Business default");
  });

  it("counts the fields the layer sets itself", () => {
    expect(ownCount(sources, "phone")).toEqual({ own: 2, total: 6 });
    expect(ownCount(sources, "defaults")).toEqual({ own: 2, total: 6 });
  });
});

describe("editing an override", () => {
  it("sets nested fields without touching the others", () => {
    const next = setPath({ afterHours: { action: "transfer" } }, "afterHours.transferTo", "+14155550100");

    expect(next).toEqual({ afterHours: { action: "transfer", transferTo: "+14155550100" } });
    expect(getPath(next, "afterHours.transferTo")).toBe("+14155550100");
  });

  it("removes a reset field, and an object left empty, so they inherit again", () => {
    expect(setPath({ agentName: "Mia", greeting: "Hi" }, "agentName", undefined)).toEqual({ greeting: "Hi" });
    expect(setPath({ afterHours: { action: "transfer" } }, "afterHours.action", null)).toEqual({});
  });

  it("treats null fields and missing fields as the same override", () => {
    expect(compact({ a: null, b: { c: null }, d: [1] })).toEqual({ d: [1] });
    expect(sameValue({ agentName: "Mia", greeting: null }, { agentName: "Mia" })).toBe(true);
    expect(sameValue({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(true);
    expect(sameValue({ agentName: "Mia" }, { agentName: "Max" })).toBe(false);
    expect(sameValue(null, {})).toBe(true);
  });
});
