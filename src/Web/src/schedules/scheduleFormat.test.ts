import { describe, expect, it } from "vitest";
import { changedFields, countdown, describeAt, describeSet, formOf, scheduleRequest, upcomingOrder, wallClock } from "./scheduleFormat";

const form = { date: "2027-01-04", time: "09:00", onConflict: "skip" as const, note: "" };

describe("countdown", () => {
  const now = new Date("2027-01-04T13:00:00Z");

  it("counts down in days, hours, minutes and seconds as the time comes closer", () => {
    expect(countdown("2027-01-06T17:30:00Z", now)).toBe("in 2 d 4 h");
    expect(countdown("2027-01-04T16:20:00Z", now)).toBe("in 3 h 20 min");
    expect(countdown("2027-01-04T13:04:05Z", now)).toBe("in 4 min 05 s");
    expect(countdown("2027-01-04T13:00:09Z", now)).toBe("in 9 s");
  });

  it("says the change is due once its time has passed", () => {
    expect(countdown("2027-01-04T12:59:59Z", now)).toBe("due now");
    expect(countdown("2027-01-04T13:00:00Z", now)).toBe("due now");
  });
});

describe("wallClock", () => {
  it("shows one instant on each location's own clock with its zone", () => {
    expect(wallClock("2027-01-04T14:00:00Z", "America/New_York")).toBe("Mon, Jan 4, 9:00 AM EST");
    expect(wallClock("2027-01-04T17:00:00Z", "America/Los_Angeles")).toBe("Mon, Jan 4, 9:00 AM PST");
    expect(wallClock("2027-01-04T03:30:00Z", "Asia/Kolkata")).toBe("Mon, Jan 4, 9:00 AM GMT+5:30");
  });

  it("shows the summer offset in summer", () => {
    expect(wallClock("2027-07-05T13:00:00Z", "America/New_York")).toBe("Mon, Jul 5, 9:00 AM EDT");
  });
});

describe("scheduleRequest", () => {
  it("asks for the wall-clock time in each location's own zone when no zone is chosen", () => {
    const request = scheduleRequest("voice", { greeting: "Happy new year" }, { ...form, zone: "local" });

    expect(request).toEqual({ section: "voice", set: { greeting: "Happy new year" }, at: { localTime: "2027-01-04T09:00" }, onConflict: "skip" });
  });

  it("names the chosen zone for every location and keeps a trimmed note", () => {
    const request = scheduleRequest("hours", { alwaysOpen: true }, { ...form, zone: "Europe/London", onConflict: "apply", note: " Winter hours " });

    expect(request).toEqual({ section: "hours", set: { alwaysOpen: true }, at: { localTime: "2027-01-04T09:00", timeZone: "Europe/London" }, onConflict: "apply", note: "Winter hours" });
  });

  it("fills the dialog back from a change, an instant shown as its UTC wall clock", () => {
    expect(formOf({ localTime: "2027-01-04T09:00" }, "skip", undefined)).toEqual({ ...form, zone: "local" });
    expect(formOf({ instant: "2027-01-04T14:00:00Z" }, "apply", "n")).toEqual({ date: "2027-01-04", time: "14:00", zone: "UTC", onConflict: "apply", note: "n" });
    // The API may send the fields it does not use as null.
    expect(formOf({ instant: null, localTime: "2027-01-04T09:00", timeZone: null }, "skip", null)).toEqual({ ...form, zone: "local" });
  });
});

describe("changedFields", () => {
  it("sets only the fields that differ from the saved layer, with the draft's value", () => {
    const saved = { greeting: "Hello", agentName: "Ava", afterHours: { action: "message" } };
    const draft = { greeting: "Happy holidays", agentName: "Ava", afterHours: { action: "message" } };

    expect(changedFields(draft, saved)).toEqual({ greeting: "Happy holidays" });
  });

  it("sets a field the draft no longer overrides to null, so it inherits again", () => {
    expect(changedFields({ agentName: "Ava" }, { agentName: "Ava", greeting: "Hello" })).toEqual({ greeting: null });
  });

  it("sets a whole object when one of its fields changed, and nothing for an inheriting layer's empty draft", () => {
    expect(changedFields({ afterHours: { action: "transfer", transferTo: "+1" } }, { afterHours: { action: "message" } })).toEqual({
      afterHours: { action: "transfer", transferTo: "+1" },
    });
    expect(changedFields({}, null)).toEqual({});
  });
});

describe("describing a change", () => {
  it("names the time as scheduled: local in each location, in one zone, or an instant", () => {
    expect(describeAt({ localTime: "2027-01-04T09:00" })).toBe("2027-01-04 09:00 in each location's local time");
    expect(describeAt({ localTime: "2027-01-04T09:00", timeZone: "Europe/London" })).toBe("2027-01-04 09:00 Europe/London");
    expect(describeAt({ instant: "2027-01-04T14:00:00Z" })).toBe("2027-01-04 14:00 UTC");
  });

  it("names the fields it sets as their editors label them", () => {
    expect(describeSet("voice", { greeting: "Hi", speakingRate: 1.1 })).toEqual(["Greeting: 'Hi'", "Speaking rate: 1.1"]);
    expect(describeSet("phone", { isActive: false })).toEqual(["Active: no"]);
  });

  it("lists pending changes soonest first (a default change by when the defaults change), then the resolved ones latest first", () => {
    const change = (id: string, status: "pending" | "applied", dueAt: string) => ({ id, status, applications: [{ dueAt }] });
    const ordered = upcomingOrder([
      change("old", "applied", "2027-01-01T00:00:00Z"),
      change("later", "pending", "2027-03-01T00:00:00Z"),
      change("recent", "applied", "2027-01-02T00:00:00Z"),
      change("soon", "pending", "2027-02-01T00:00:00Z"),
      // A default change no location takes yet: when the defaults themselves change.
      { id: "defaults", status: "pending" as const, applications: [], defaultsDueAt: "2027-02-15T00:00:00Z" },
    ]);

    expect(ordered.map((c) => c.id)).toEqual(["soon", "defaults", "later", "recent", "old"]);
  });
});
