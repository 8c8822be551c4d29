// A stand-in for the socket.io client in unit tests of what rides on the control socket; the
// real socket is exercised end to end.

/** Just enough of a socket.io client socket, with a scripted server behind it. */
export class FakeSocket {
  connected: boolean;
  active = true;
  disconnected = false;
  reconnects = 0;
  private handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  constructor(
    private readonly server: (event: string, args: unknown[]) => Promise<unknown> = async () => undefined,
    { connected = true }: { connected?: boolean } = {},
  ) {
    this.connected = connected;
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    this.handlers.get(event)?.forEach((handler) => handler(...args));
  }
  timeout() {
    return { emitWithAck: (event: string, ...args: unknown[]) => this.server(event, args) };
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    this.reconnects++;
    this.active = true;
    return this;
  }
  disconnect() {
    this.disconnected = true;
    this.connected = false;
    return this;
  }
}
