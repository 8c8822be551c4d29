// The reference server: the stock y-websocket backend (@y/websocket-server
// 0.1.1) behind the same URL shape as ours, so one client code path drives
// both. Run as its own process so its CPU and RSS are measured like ours.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT ?? '1234');
const host = process.env.HOST ?? '127.0.0.1';

const server = http.createServer((req, res) => {
  const ok = req.url === '/healthz';
  res.writeHead(ok ? 200 : 404, { 'Content-Type': 'text/plain' });
  res.end(ok ? 'ok' : 'not found');
});

// Same defaults as the package's own bin (no permessage-deflate on the server).
const wss = new WebSocketServer({ noServer: true });

server.on('upgrade', (req, socket, head) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // Clients use ws://host/yjs/<room>; the token query parameter is ignored.
  const docName = decodeURIComponent(path.replace(/^\/yjs\//, '').replace(/^\//, ''));
  wss.handleUpgrade(req, socket, head, (ws) => {
    setupWSConnection(ws, req, { docName });
  });
});

server.listen(port, host, () => {
  console.log(`reference y-websocket server on http://${host}:${port}`);
});

const shutdown = (): void => {
  server.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
