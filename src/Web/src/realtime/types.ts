import type { SectionName } from "../api/sections";

/**
 * The realtime contract (docs/realtime.md): after connecting, the console subscribes to channels through the API and receives
 * `change` messages. Everything realtime in the console goes through this folder.
 */
export const changeTypes = [
  "phone.added",
  "phone.updated",
  "phone.removed",
  "phone.primaryChanged",
  "defaults.changed",
  "staff.changed",
  "services.changed",
  "phone.settings.changed",
  "phone.voice.changed",
  "phone.hours.changed",
  "history.added",
  "scheduled.changed",
  "bulkEdit.changed",
] as const;

export type ChangeType = (typeof changeTypes)[number];

export type ChangedSection = SectionName | "staff" | "services" | "phone" | "primary" | "business" | "scheduled" | "bulkEdit";

export interface ChangeMessage {
  channel: string;
  type: ChangeType;
  businessId: string;
  phoneId: string | null;
  /** The staff member or service the message is about, when it is about one. */
  itemId?: string | null;
  sections: ChangedSection[];
  versions: Partial<Record<ChangedSection, number>>;
  changedAt: string;
  changedBy: string;
  data: unknown;
}

/** connecting → live; live ⇄ reconnecting; `unavailable` when the server has no realtime; `offline` while retrying. */
export type LiveStatus = "idle" | "connecting" | "live" | "reconnecting" | "offline" | "unavailable";

/** Thrown by a transport's start() when the server has no realtime endpoint (404 on negotiate). */
export class RealtimeUnavailable extends Error {}

/** The wire under LiveUpdates: SignalR in the browser, a fake in unit tests. */
export interface LiveTransport {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The current connection's id; it changes on every reconnect. */
  connectionId(): string | null;
  onMessage(handler: (message: unknown) => void): void;
  onReconnecting(handler: () => void): void;
  onReconnected(handler: () => void): void;
  /** The connection is gone for good (automatic reconnects gave up). */
  onClose(handler: () => void): void;
  /** Joins a channel; the business is named so callers without a membership (ops) can be looked up in it. */
  subscribe(connectionId: string, channel: string, businessId: string | null): Promise<void>;
  unsubscribe(connectionId: string, channel: string): Promise<void>;
}

export const channels = {
  business: (businessId: string) => `business:${businessId}`,
  phoneSettings: (phoneId: string) => `phone:${phoneId}:settings`,
  phoneHours: (phoneId: string) => `phone:${phoneId}:hours`,
};

/** A message as the contract describes it, or null for anything else (clients ignore unknown types). */
export function readChange(value: unknown): ChangeMessage | null {
  if (!value || typeof value !== "object") return null;
  const message = value as Partial<ChangeMessage>;
  if (typeof message.channel !== "string" || typeof message.businessId !== "string") return null;
  if (!changeTypes.includes(message.type as ChangeType)) return null;
  return {
    channel: message.channel,
    type: message.type as ChangeType,
    businessId: message.businessId,
    phoneId: message.phoneId ?? null,
    itemId: message.itemId ?? null,
    sections: Array.isArray(message.sections) ? message.sections : [],
    versions: message.versions && typeof message.versions === "object" ? message.versions : {},
    changedAt: String(message.changedAt ?? ""),
    changedBy: String(message.changedBy ?? ""),
    data: message.data ?? null,
  };
}
