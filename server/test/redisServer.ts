import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** How long redis-server may take to accept connections (loading an append-only file included). */
const READY_TIMEOUT_MS = 10_000;
const READY_POLL_MS = 20;
/** A free port found by the OS can be taken by someone else before redis-server binds it. */
const PORT_ATTEMPTS = 5;

export interface RedisServerOptions {
  /** Keep an append-only file, as production should: data then survives a kill and restart. */
  appendOnly?: boolean;
}

const running = new Set<ChildProcess>();
// A failing test must not leave redis-servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A `redis-server` owned by the test: started on a free port in a directory of its own (no
 * daemonize, so it dies with us), killed or restarted at will on the same port and data.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private log = '';

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-redis-'));
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(await freePort(), dir, options);
      try {
        await server.launch();
        return server;
      } catch (error) {
        const portTaken = /Address already in use/i.test(server.output());
        if (!portTaken || attempt >= PORT_ATTEMPTS) {
          fs.rmSync(dir, { recursive: true, force: true });
          throw error;
        }
      }
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get isRunning(): boolean {
    return this.child !== null;
  }

  /** Everything redis-server printed, for failure messages. */
  output(): string {
    return this.log;
  }

  /** A crash: SIGKILL, nothing flushed that Redis had not written already. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Starts it again on the same port and directory (so with `appendOnly`, on the same data). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Kills it and removes its directory; for afterAll. */
  async dispose(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''];
    // fsync every write, as a deployment that may lose nothing runs it: a SIGKILL then loses nothing acknowledged
    args.push('--appendonly', this.options.appendOnly ? 'yes' : 'no', '--appendfsync', 'always');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.stdout!.on('data', (chunk) => (this.log += chunk));
    child.stderr!.on('data', (chunk) => (this.log += chunk));
    let gone = false;
    this.exited = new Promise<void>((resolve) => {
      const onGone = () => {
        gone = true;
        running.delete(child);
        if (this.child === child) this.child = null;
        resolve();
      };
      child.once('exit', onGone);
      child.once('error', (error) => {
        this.log += `\n${error.message}`; // e.g. redis-server is not installed
        onGone();
      });
    });

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await answersPing(this.port, child.pid))) {
      if (gone) throw new Error(`redis-server exited before accepting connections:\n${this.log}`);
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`redis-server did not accept connections within ${READY_TIMEOUT_MS} ms:\n${this.log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }
}

/**
 * True once our redis-server answers PING with PONG (not LOADING while it reads its file). Its
 * process id is checked too: on a port taken in the meantime, another Redis could answer.
 */
function answersPing(port: number, pid: number | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\nINFO server\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.startsWith('-')) return done(false);
      const answeredBy = /process_id:(\d+)\r\n/.exec(reply);
      if (answeredBy) done(reply.startsWith('+PONG') && Number(answeredBy[1]) === pid);
    });
  });
}
