import { describe, expect, it } from "vitest";
import { byDate, copyDay, describeDay, describeSpecial, fromWeek, isOvernight, nextPeriod, overlaps, toWeek } from "./hoursModel";

describe("weekly grid", () => {
  it("groups the API's periods by day in opening order and writes them back", () => {
    const weekly = [
      { day: "monday" as const, open: "13:00", close: "17:00" },
      { day: "monday" as const, open: "08:00", close: "12:00" },
      { day: "sunday" as const, open: "22:00", close: "02:00" },
    ];

    const week = toWeek(weekly);

    expect(week.monday).toEqual([{ open: "08:00", close: "12:00" }, { open: "13:00", close: "17:00" }]);
    expect(week.tuesday).toEqual([]);
    expect(fromWeek(week)).toEqual([
      { day: "monday", open: "08:00", close: "12:00" },
      { day: "monday", open: "13:00", close: "17:00" },
      { day: "sunday", open: "22:00", close: "02:00" },
    ]);
  });

  it("knows a period that closes before it opens runs past midnight, and 24:00 does not", () => {
    expect(isOvernight({ open: "22:00", close: "02:00" })).toBe(true);
    expect(isOvernight({ open: "18:00", close: "00:00" })).toBe(true);
    expect(isOvernight({ open: "18:00", close: "24:00" })).toBe(false);
    expect(isOvernight({ open: "09:00", close: "17:00" })).toBe(false);
    expect(describeDay([{ open: "22:00", close: "02:00" }])).toBe("22:00–02:00 (next day)");
    expect(describeDay([])).toBe("Closed");
  });

  it("suggests a next period after the last one", () => {
    expect(nextPeriod([])).toEqual({ open: "09:00", close: "17:00" });
    expect(nextPeriod([{ open: "09:00", close: "12:00" }])).toEqual({ open: "13:00", close: "15:00" });
    expect(nextPeriod([{ open: "09:00", close: "22:30" }])).toEqual({ open: "23:00", close: "24:00" });
  });

  it("copies a day's periods onto other days, replacing theirs, and leaves the source alone", () => {
    const week = toWeek([
      { day: "monday", open: "08:00", close: "12:00" },
      { day: "monday", open: "13:00", close: "17:00" },
      { day: "friday", open: "10:00", close: "11:00" },
    ]);

    const copied = copyDay(week, "monday", ["tuesday", "friday", "monday"]);

    expect(copied.tuesday).toEqual(week.monday);
    expect(copied.friday).toEqual(week.monday);
    expect(copied.monday).toBe(week.monday);
    copied.tuesday[0]!.open = "07:00";
    expect(week.monday[0]!.open).toBe("08:00");
  });

  it("finds overlaps within a day, past midnight and from Sunday into Monday", () => {
    expect(overlaps(toWeek([{ day: "monday", open: "08:00", close: "12:00" }, { day: "monday", open: "11:00", close: "13:00" }]))).toEqual([
      { day: "monday", index: 1, message: "Overlaps Monday 08:00–12:00." },
    ]);
    expect(overlaps(toWeek([{ day: "friday", open: "20:00", close: "03:00" }, { day: "saturday", open: "02:00", close: "05:00" }]))).toHaveLength(1);
    expect(overlaps(toWeek([{ day: "sunday", open: "22:00", close: "02:00" }, { day: "monday", open: "01:00", close: "04:00" }]))).toHaveLength(1);
    expect(overlaps(toWeek([{ day: "friday", open: "20:00", close: "02:00" }, { day: "saturday", open: "02:00", close: "05:00" }]))).toEqual([]);
  });
});

describe("special days and holidays", () => {
  it("lists them by date while keeping the index the API's errors use", () => {
    const list = [{ date: "2026-12-24" }, { date: "2026-07-04" }];

    expect(byDate(list).map((entry) => entry.index)).toEqual([1, 0]);
  });

  it("describes closures, ranges and other hours", () => {
    expect(describeSpecial({ date: "2026-12-24", endDate: "2026-12-26", label: "Christmas", closed: true })).toBe("Christmas: 2026-12-24 to 2026-12-26, closed");
    expect(describeSpecial({ date: "2026-12-31", closed: false, periods: [{ open: "09:00", close: "13:00" }] })).toBe("2026-12-31, 09:00–13:00");
  });
});
