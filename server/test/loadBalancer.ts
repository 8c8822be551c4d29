import net from 'node:net';

/**
 * A TCP load balancer for tests, as a deployment would put in front of several processes: each
 * new connection goes to the next backend in turn, skipping any that refuses, so when a process
 * dies its clients reconnect to the others.
 */
export class LoadBalancer {
  private next = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    private readonly backends: number[],
  ) {
    server.on('connection', (client) => this.route(client, 0));
  }

  static async start(backendUrls: string[]): Promise<LoadBalancer> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new LoadBalancer(server, backendUrls.map((url) => Number(new URL(url).port)));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private route(client: net.Socket, tried: number): void {
    if (tried >= this.backends.length) return void client.destroy();
    const port = this.backends[this.next++ % this.backends.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    this.sockets.add(client).add(upstream);
    client.pause();
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('error', () => {
      this.sockets.delete(upstream);
      if (!connected) this.route(client, tried + 1); // refused: that backend is down, try the next
    });
    upstream.once('close', () => {
      if (connected) client.destroy(); // the backend went away: the client reconnects through us
    });
    client.once('error', () => upstream.destroy());
    client.once('close', () => {
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    });
  }
}
