import { describe, expect, it } from "vitest";
import { instantToZoned, until, zonedToInstant } from "./zoned";

describe("wall-clock times in a location's time zone", () => {
  it("turns a local time into the instant, in winter and in summer", () => {
    expect(zonedToInstant("2026-12-24T18:30", "America/New_York").toISOString()).toBe("2026-12-24T23:30:00.000Z");
    expect(zonedToInstant("2026-07-04T09:00", "America/Los_Angeles").toISOString()).toBe("2026-07-04T16:00:00.000Z");
  });

  it("round-trips through the zone's wall clock", () => {
    const instant = new Date("2026-03-08T12:00:00Z");
    expect(zonedToInstant(instantToZoned(instant, "America/New_York"), "America/New_York").toISOString()).toBe(instant.toISOString());
  });

  it("lands just after a daylight-saving gap", () => {
    // 02:30 does not exist in New York on 2026-03-08; clocks jump from 02:00 to 03:00.
    expect(instantToZoned(zonedToInstant("2026-03-08T02:30", "America/New_York"), "America/New_York")).toBe("2026-03-08T03:30");
  });

  it("says how long until a change", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(until(new Date("2026-01-01T03:20:00Z"), now)).toBe("in 3 h 20 min");
    expect(until(new Date("2026-01-03T05:00:00Z"), now)).toBe("in 2 d 5 h");
    expect(until(new Date("2026-01-01T00:07:00Z"), now)).toBe("in 7 min");
  });
});
