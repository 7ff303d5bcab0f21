import { readChange, RealtimeUnavailable, type ChangeMessage, type LiveStatus, type LiveTransport } from "./types";

type Listener<T> = (value: T) => void;

/** How long to wait before starting again after a failed start or a lost connection (the last value repeats). */
export const retryDelaysMs = [1_000, 3_000, 10_000, 30_000];

/**
 * The console's live connection: connects, keeps the wanted channels subscribed (again after every reconnect, since
 * the connection id changes), and hands each change to listeners once, however often it is delivered.
 */
export class LiveUpdates {
  private readonly wanted = new Set<string>();
  private businessId: string | null = null;
  private readonly subscribed = new Set<string>();
  private readonly seen = new Map<string, number>();
  private readonly changeListeners = new Set<Listener<ChangeMessage>>();
  private readonly statusListeners = new Set<Listener<LiveStatus>>();
  private currentStatus: LiveStatus = "idle";
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly transport: LiveTransport) {
    transport.onMessage((raw) => this.receive(raw));
    transport.onReconnecting(() => {
      this.subscribed.clear();
      this.setStatus("reconnecting");
    });
    transport.onReconnected(() => void this.afterConnected());
    transport.onClose(() => {
      this.subscribed.clear();
      if (!this.stopped) this.scheduleRetry();
    });
  }

  get status(): LiveStatus {
    return this.currentStatus;
  }

  async connect(): Promise<void> {
    this.stopped = false;
    this.setStatus(this.retries === 0 ? "connecting" : "offline");
    try {
      await this.transport.start();
    } catch (error) {
      if (error instanceof RealtimeUnavailable) {
        this.setStatus("unavailable");
      } else if (!this.stopped) {
        this.scheduleRetry();
      }
      return;
    }
    await this.afterConnected();
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.subscribed.clear();
    await this.transport.stop();
    this.setStatus("idle");
  }

  /** Makes exactly these channels of one business subscribed: new ones are joined, dropped ones left. */
  async setChannels(businessId: string | null, channels: Iterable<string>): Promise<void> {
    this.businessId = businessId;
    const next = new Set(channels);
    const dropped = [...this.wanted].filter((channel) => !next.has(channel));
    this.wanted.clear();
    next.forEach((channel) => this.wanted.add(channel));
    const id = this.transport.connectionId();
    if (this.currentStatus !== "live" || !id) return;
    await Promise.all([
      ...dropped.filter((channel) => this.subscribed.delete(channel)).map((channel) => this.transport.unsubscribe(id, channel).catch(() => undefined)),
      ...[...next].filter((channel) => !this.subscribed.has(channel)).map((channel) => this.join(id, channel)),
    ]);
  }

  onChange(listener: Listener<ChangeMessage>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStatus(listener: Listener<LiveStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Remembers a version the console itself already has (its own save), so the echo of it is not news. A phone's
   * section is versioned on its channels as the sum of its default and phone layers (docs/realtime.md).
   */
  markSeen(businessId: string, phoneId: string | null, section: string, version: number): void {
    const key = versionKey(businessId, phoneId, null, section);
    this.seen.set(key, Math.max(version, this.seen.get(key) ?? -1));
  }

  private async afterConnected(): Promise<void> {
    this.retries = 0;
    this.subscribed.clear();
    this.setStatus("live");
    const id = this.transport.connectionId();
    if (!id) return;
    await Promise.all([...this.wanted].map((channel) => this.join(id, channel)));
  }

  private async join(id: string, channel: string): Promise<void> {
    this.subscribed.add(channel);
    try {
      await this.transport.subscribe(id, channel, this.businessId);
    } catch {
      // Refused (403/404) or the connection dropped meanwhile: the next reconnect tries again.
      this.subscribed.delete(channel);
    }
  }

  private scheduleRetry(): void {
    const delay = retryDelaysMs[Math.min(this.retries, retryDelaysMs.length - 1)]!;
    this.retries++;
    this.setStatus("offline");
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private receive(raw: unknown): void {
    const message = readChange(raw);
    if (!message || !this.isNew(message)) return;
    this.changeListeners.forEach((listener) => listener(message));
  }

  /** Delivery is at least once and may be coalesced: a message is news if any of its versions was not seen yet. */
  private isNew(message: ChangeMessage): boolean {
    const versions = Object.entries(message.versions).filter((entry): entry is [string, number] => typeof entry[1] === "number");
    if (versions.length === 0) return true;
    let fresh = false;
    for (const [section, version] of versions) {
      const key = versionKey(message.businessId, message.phoneId, message.itemId ?? null, section);
      if (version > (this.seen.get(key) ?? -1)) {
        this.seen.set(key, version);
        fresh = true;
      }
    }
    return fresh;
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}

/**
 * Versions grow per business, phone, item (a staff member or service) and name, and mean the same on every channel
 * they appear on (docs/realtime.md): the same version on a phone's settings and voice channels is one change.
 */
function versionKey(businessId: string, phoneId: string | null, itemId: string | null, section: string): string {
  return `${businessId}|${phoneId ?? ""}|${itemId ?? ""}|${section}`;
}
