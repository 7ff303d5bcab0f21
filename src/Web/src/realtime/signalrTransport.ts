import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";
import { ApiError, toProblem } from "../api/problem";
import { RealtimeUnavailable, type LiveTransport } from "./types";

/**
 * The realtime contract over @microsoft/signalr: the client negotiates at `/api/v2/realtime/negotiate` (following the
 * Azure SignalR redirect itself), and channels are joined and left through `/api/v2/realtime/subscriptions`.
 */
export function signalRTransport(baseUrl: string, token: () => string | null): LiveTransport {
  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl(`${baseUrl}/api/v2/realtime`, { accessTokenFactory: () => token() ?? "" })
    .withAutomaticReconnect([0, 1_000, 3_000, 10_000, 30_000])
    .configureLogging(LogLevel.None)
    .build();

  const subscriptions = async (method: "POST" | "DELETE", connectionId: string, channel: string, businessId: string | null = null) => {
    // Joining sends the subscription as a body; leaving names it in the query.
    const query = method === "DELETE" ? `?${new URLSearchParams({ connectionId, channel })}` : "";
    const response = await fetch(`${baseUrl}/api/v2/realtime/subscriptions${query}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token() ?? ""}` },
      body: method === "POST" ? JSON.stringify({ connectionId, channel, businessId }) : undefined,
    });
    if (!response.ok) throw new ApiError(toProblem(response.status, await response.json().catch(() => null)));
  };

  return {
    async start() {
      try {
        await connection.start();
      } catch (error) {
        // The server has no realtime endpoint (yet): the console works without live updates.
        if (error instanceof Error && error.message.includes("Status code '404'")) throw new RealtimeUnavailable(error.message);
        throw error;
      }
    },
    stop: () => connection.stop(),
    connectionId: () => connection.connectionId,
    onMessage: (handler) => connection.on("change", handler),
    onReconnecting: (handler) => connection.onreconnecting(() => handler()),
    onReconnected: (handler) => connection.onreconnected(() => handler()),
    onClose: (handler) => connection.onclose(() => handler()),
    subscribe: (connectionId, channel, businessId) => subscriptions("POST", connectionId, channel, businessId),
    unsubscribe: (connectionId, channel) => subscriptions("DELETE", connectionId, channel),
  };
}
