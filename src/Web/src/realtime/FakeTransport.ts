import type { LiveTransport } from "./types";

// For unit tests only: the console itself always uses signalrTransport.

/** A transport whose connection the test drives: it records subscriptions and lets the test drop and restore it. */
export class FakeTransport implements LiveTransport {
  id: string | null = null;
  starts = 0;
  failStartWith: Error | null = null;
  readonly subscriptions: string[] = [];
  readonly businessIds: (string | null)[] = [];
  readonly unsubscriptions: string[] = [];
  private message = (_: unknown) => {};
  private reconnecting = () => {};
  private reconnected = () => {};
  private closed = () => {};

  async start() {
    this.starts++;
    if (this.failStartWith) throw this.failStartWith;
    this.id = `conn-${this.starts}`;
  }
  async stop() {
    this.id = null;
  }
  connectionId() {
    return this.id;
  }
  onMessage(handler: (message: unknown) => void) {
    this.message = handler;
  }
  onReconnecting(handler: () => void) {
    this.reconnecting = handler;
  }
  onReconnected(handler: () => void) {
    this.reconnected = handler;
  }
  onClose(handler: () => void) {
    this.closed = handler;
  }
  async subscribe(connectionId: string, channel: string, businessId: string | null) {
    this.subscriptions.push(`${connectionId} ${channel}`);
    this.businessIds.push(businessId);
  }
  async unsubscribe(connectionId: string, channel: string) {
    this.unsubscriptions.push(`${connectionId} ${channel}`);
  }

  deliver(message: unknown) {
    this.message(message);
  }
  drop() {
    this.id = null;
    this.reconnecting();
  }
  restore(id: string) {
    this.id = id;
    this.reconnected();
  }
  close() {
    this.id = null;
    this.closed();
  }
}
