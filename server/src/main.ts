import { configFromEnv } from './config.js';
import { RoundtableServer } from './RoundtableServer.js';
import { logger } from './log/index.js';

const log = logger.child({ component: 'server' });
/** Repeats of the stop signal within this long of the first are the same request. */
const REPEAT_SIGNAL_GRACE_MS = 2000;

async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await RoundtableServer.start(config);
  // Scripts and tests wait for "listening on <url>" in this line's message.
  log.info({ storage: server.storage.kind, dataDir: config.dataDir }, `Roundtable listening on ${server.url}`);

  /** When the first signal came; null while running. */
  let stoppingSince: number | null = null;
  const shutdown = (signal: string) => {
    if (stoppingSince !== null) {
      // A Ctrl-C under `pnpm start` reaches node twice within milliseconds (the terminal's, and the
      // one pnpm forwards), as does systemd's signal to a whole control group: only a signal well after
      // the first is someone insisting.
      if (Date.now() - stoppingSince < REPEAT_SIGNAL_GRACE_MS) return;
      log.fatal({ signal }, 'second signal: exiting now, without waiting for the shutdown');
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info({ signal }, 'signal received: stopping');
    // Storage that hangs must not hold the process forever; what could be stored is stored by then.
    // The timer also keeps the process alive until stop() is done: without it, a step waiting on a
    // handle that does not hold the event loop would end the process (with 0) halfway through.
    setTimeout(() => {
      log.fatal({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown did not finish in time; exiting with 1');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.fatal({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // One bad request must never take every session down with it.
  process.on('unhandledRejection', (reason) => {
    server.metrics.error('uncaught');
    log.error({ err: reason }, 'unhandled rejection');
  });
  process.on('uncaughtException', (error) => {
    server.metrics.error('uncaught');
    log.error({ err: error }, 'uncaught exception');
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, `Roundtable could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
