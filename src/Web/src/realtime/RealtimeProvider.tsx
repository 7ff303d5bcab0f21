import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { apiBaseUrl } from "../config";
import { currentToken } from "../auth/session";
import { staleQueries } from "./invalidation";
import { LiveUpdates } from "./liveUpdates";
import type { ChangeMessage, LiveStatus, LiveTransport } from "./types";

interface Realtime {
  status: LiveStatus;
  live: LiveUpdates | null;
}

const RealtimeContext = createContext<Realtime>({ status: "idle", live: null });

/**
 * One live connection for the signed-in user. Every change it delivers marks the affected queries stale, so what is
 * on screen refetches; editors also listen (useLiveChange) to warn about changes to what they are editing.
 */
export function RealtimeProvider({ children, transport }: { children: ReactNode; transport?: () => LiveTransport }) {
  const queryClient = useQueryClient();
  const [realtime, setRealtime] = useState<Realtime>({ status: "idle", live: null });
  const makeTransport = useRef(transport);

  useEffect(() => {
    let cancelled = false;
    let live: LiveUpdates | null = null;
    const stops: (() => void)[] = [];
    const start = (wire: LiveTransport) => {
      if (cancelled) return;
      live = new LiveUpdates(wire);
      const current = live;
      stops.push(current.onStatus((status) => setRealtime({ status, live: current })));
      stops.push(current.onChange((message) => staleQueries(message).forEach((queryKey) => void queryClient.invalidateQueries({ queryKey }))));
      setRealtime({ status: current.status, live: current });
      void current.connect();
    };
    if (makeTransport.current) start(makeTransport.current());
    // The SignalR client loads after the first screen, in a chunk of its own.
    else void import("./signalrTransport").then(({ signalRTransport }) => start(signalRTransport(apiBaseUrl, currentToken)));
    return () => {
      cancelled = true;
      stops.forEach((stop) => stop());
      void live?.disconnect();
    };
  }, [queryClient]);

  return <RealtimeContext.Provider value={realtime}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  return useContext(RealtimeContext);
}

/** Keeps these channels of the business subscribed while the calling component is on screen. */
export function useChannels(businessId: string | null, channelList: string[]): void {
  const { live, status } = useRealtime();
  const joined = channelList.join("\n");
  useEffect(() => {
    if (live) void live.setChannels(businessId, joined ? joined.split("\n") : []);
  }, [live, status, businessId, joined]);
}

/** Calls `handler` for every new change while the calling component is on screen. */
export function useLiveChange(handler: (message: ChangeMessage) => void): void {
  const { live } = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => (live ? live.onChange((message) => latest.current(message)) : undefined), [live]);
}
