import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { keys } from "../api/keys";
import { FakeTransport } from "./FakeTransport";
import { LiveIndicator } from "./LiveIndicator";
import { RealtimeProvider, useChannels, useLiveChange } from "./RealtimeProvider";
import { RealtimeUnavailable } from "./types";

let reads = 0;
const seen: string[] = [];

function Screen() {
  useChannels("b1", ["business:b1", "phone:p1:settings"]);
  useLiveChange((message) => seen.push(message.type));
  const voice = useQuery({ queryKey: keys.section("b1", "p1", "voice"), queryFn: () => ++reads });
  return <p data-testid="reads">{voice.data}</p>;
}

function renderWith(transport: FakeTransport) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RealtimeProvider transport={() => transport}>
        <LiveIndicator />
        <Screen />
      </RealtimeProvider>
    </QueryClientProvider>,
  );
}

describe("RealtimeProvider", () => {
  afterEach(() => {
    cleanup();
    reads = 0;
    seen.length = 0;
  });

  it("subscribes what the screen needs, and refetches what a change makes stale", async () => {
    const transport = new FakeTransport();
    renderWith(transport);
    await waitFor(() => expect(transport.subscriptions).toEqual(["conn-1 business:b1", "conn-1 phone:p1:settings"]));
    await waitFor(() => expect(screen.getByTestId("reads").textContent).toBe("1"));
    expect(screen.getByRole("status").textContent).toContain("Live");

    act(() =>
      transport.deliver({
        channel: "phone:p1:settings",
        type: "phone.settings.changed",
        businessId: "b1",
        phoneId: "p1",
        sections: ["voice"],
        versions: { voice: 4 },
        changedAt: "2026-11-28T10:00:00Z",
        changedBy: "alice",
        data: null,
      }),
    );

    await waitFor(() => expect(screen.getByTestId("reads").textContent).toBe("2"));
    expect(seen).toEqual(["phone.settings.changed"]);
  });

  it("says so unobtrusively when the server has no live updates", async () => {
    const transport = new FakeTransport();
    transport.failStartWith = new RealtimeUnavailable("404");
    renderWith(transport);

    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("No live updates"));
    expect(screen.getByTestId("reads").textContent).toBe("1");
  });
});
