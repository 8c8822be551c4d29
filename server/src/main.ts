import { configFromEnv } from './config.js';
import { RoundtableServer } from './RoundtableServer.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await RoundtableServer.start(config);
  console.log(`Roundtable listening on ${server.url} (storage: ${server.storage.kind}, data: ${config.dataDir})`);

  const shutdown = (signal: string) => {
    console.log(`${signal}: storing pending changes and stopping`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  // One bad request must never take every session down with it.
  process.on('unhandledRejection', (reason) => console.error('unhandled rejection:', reason));
  process.on('uncaughtException', (error) => console.error('uncaught exception:', error));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Roundtable could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
