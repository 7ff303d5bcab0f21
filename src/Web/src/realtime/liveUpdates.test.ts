import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveUpdates, retryDelaysMs } from "./liveUpdates";
import { FakeTransport } from "./FakeTransport";
import { RealtimeUnavailable } from "./types";

const voiceChange = (version: number, extra: object = {}) => ({
  channel: "phone:p1:settings",
  type: "phone.settings.changed",
  businessId: "b1",
  phoneId: "p1",
  sections: ["voice"],
  versions: { voice: version },
  changedAt: "2026-11-28T10:00:00Z",
  changedBy: "alice",
  data: null,
  ...extra,
});

async function connected(transport = new FakeTransport()) {
  const live = new LiveUpdates(transport);
  const received: unknown[] = [];
  live.onChange((message) => received.push(message));
  await live.connect();
  return { live, transport, received };
}

describe("LiveUpdates", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("subscribes the wanted channels once connected", async () => {
    const { live, transport } = await connected();

    await live.setChannels("b1", ["business:b1", "phone:p1:settings"]);

    expect(live.status).toBe("live");
    expect(transport.subscriptions).toEqual(["conn-1 business:b1", "conn-1 phone:p1:settings"]);
  });

  it("subscribes channels chosen before the connection is up as soon as it is", async () => {
    const transport = new FakeTransport();
    const live = new LiveUpdates(transport);
    await live.setChannels("b1", ["business:b1"]);

    await live.connect();

    expect(transport.subscriptions).toEqual(["conn-1 business:b1"]);
  });

  it("leaves dropped channels and joins only new ones when the selection changes", async () => {
    const { live, transport } = await connected();
    await live.setChannels("b1", ["business:b1", "phone:p1:settings"]);

    await live.setChannels("b1", ["business:b1", "phone:p2:settings"]);

    expect(transport.unsubscriptions).toEqual(["conn-1 phone:p1:settings"]);
    expect(transport.subscriptions).toEqual(["conn-1 business:b1", "conn-1 phone:p1:settings", "conn-1 phone:p2:settings"]);
  });

  it("resubscribes every channel with the new connection id after a reconnect", async () => {
    const { live, transport } = await connected();
    await live.setChannels("b1", ["business:b1", "phone:p1:settings"]);

    transport.drop();
    expect(live.status).toBe("reconnecting");
    transport.restore("conn-after-drop");
    await vi.runAllTimersAsync();

    expect(live.status).toBe("live");
    expect(transport.subscriptions.slice(2)).toEqual(["conn-after-drop business:b1", "conn-after-drop phone:p1:settings"]);
  });

  it("starts again after the connection closes for good, and resubscribes", async () => {
    const { live, transport } = await connected();
    await live.setChannels("b1", ["business:b1"]);

    transport.close();
    expect(live.status).toBe("offline");
    await vi.advanceTimersByTimeAsync(retryDelaysMs[0]!);

    expect(transport.starts).toBe(2);
    expect(live.status).toBe("live");
    expect(transport.subscriptions).toEqual(["conn-1 business:b1", "conn-2 business:b1"]);
  });

  it("keeps retrying a failed start with growing delays", async () => {
    const transport = new FakeTransport();
    transport.failStartWith = new Error("network down");
    const live = new LiveUpdates(transport);

    await live.connect();
    await vi.advanceTimersByTimeAsync(retryDelaysMs[0]! + retryDelaysMs[1]!);
    expect(transport.starts).toBe(3);
    expect(live.status).toBe("offline");

    transport.failStartWith = null;
    await vi.advanceTimersByTimeAsync(retryDelaysMs[2]!);
    expect(live.status).toBe("live");
  });

  it("gives up quietly when the server has no realtime endpoint", async () => {
    const transport = new FakeTransport();
    transport.failStartWith = new RealtimeUnavailable("404 on negotiate");
    const live = new LiveUpdates(transport);

    await live.connect();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(live.status).toBe("unavailable");
    expect(transport.starts).toBe(1);
  });

  it("delivers each version once, however often it arrives", async () => {
    const { transport, received } = await connected();

    transport.deliver(voiceChange(3));
    transport.deliver(voiceChange(3));
    transport.deliver({ ...voiceChange(3), channel: "phone:p1:voice", type: "phone.voice.changed" });

    expect(received).toHaveLength(1);
  });

  it("ignores a version older than one already seen, and takes newer ones", async () => {
    const { transport, received } = await connected();

    transport.deliver(voiceChange(5));
    transport.deliver(voiceChange(4));
    transport.deliver(voiceChange(6));

    expect(received.map((m) => (m as { versions: { voice: number } }).versions.voice)).toEqual([5, 6]);
  });

  it("keeps versions of different phones and sections apart", async () => {
    const { transport, received } = await connected();

    transport.deliver(voiceChange(2));
    transport.deliver(voiceChange(2, { phoneId: "p2", channel: "phone:p2:settings" }));
    transport.deliver(voiceChange(2, { sections: ["hours"], versions: { hours: 2 } }));

    expect(received).toHaveLength(3);
  });

  it("keeps versions of different staff members or services apart", async () => {
    const { transport, received } = await connected();
    const staff = (itemId: string, version: number) =>
      voiceChange(0, { channel: "business:b1", type: "staff.changed", phoneId: null, itemId, sections: ["staff"], versions: { staff: version } });

    transport.deliver(staff("s1", 5));
    transport.deliver(staff("s2", 1));
    transport.deliver(staff("s1", 5));

    expect(received).toHaveLength(2);
  });

  it("does not report the echo of the console's own save", async () => {
    const { live, transport, received } = await connected();

    live.markSeen("b1", "p1", "voice", 7);
    transport.deliver(voiceChange(7));

    expect(received).toHaveLength(0);
  });

  it("ignores unknown message types and malformed messages", async () => {
    const { transport, received } = await connected();

    transport.deliver({ ...voiceChange(1), type: "phone.exploded" });
    transport.deliver("not a message");
    transport.deliver(null);

    expect(received).toHaveLength(0);
  });

  it("delivers messages without versions every time", async () => {
    const { transport, received } = await connected();
    const removed = { ...voiceChange(0), type: "phone.removed", channel: "business:b1", sections: ["phone"], versions: {} };

    transport.deliver(removed);
    transport.deliver(removed);

    expect(received).toHaveLength(2);
  });
});
