import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** The network address a request came from, as the per-address limits count it. */
export type ClientAddress = (req: IncomingMessage) => string;

export class TrustProxyError extends Error {}

/**
 * Named ranges that proxy-addr knows but we refuse: they hold the clients too. A venue's Wi-Fi hands
 * out private addresses, so trusting `uniquelocal` would let anyone on it name, in X-Forwarded-For,
 * the address they are counted as. The proxies' own addresses say the same without that hole.
 */
const CLIENT_RANGES: ReadonlySet<string> = new Set(['linklocal', 'uniquelocal']);

/**
 * How to tell a request's address (`TRUST_PROXY`). Unset: the socket's peer, and `X-Forwarded-For`
 * is ignored, since anyone can write it. Behind a reverse proxy that terminates TLS every request
 * comes from the proxy, so the per-address limits (new connections, questions) would count the
 * whole conference as one address; naming the proxy makes the address it forwards count instead.
 *
 * `trustProxy` is a comma-separated list of the proxies' own addresses or subnets, or `loopback`
 * (nginx or Caddy on the same host), or a number of proxy hops, as Express's `trust proxy` reads
 * them. The address is the first one, read from the right, that is not a trusted proxy: so a
 * client inside a trusted subnet could name its own, and a hop count trusts whoever connects, which
 * is safe only when the port is reachable through the proxy alone. `true` (trust every hop) is
 * refused, and so are `linklocal` and `uniquelocal` (`CLIENT_RANGES`).
 */
export function clientAddressFrom(trustProxy: string | undefined): ClientAddress {
  const setting = trustProxy?.trim();
  if (!setting) return (req) => peerAddress(req);
  const trust = compileTrust(setting);
  return (req) => proxyAddr(req, trust) ?? 'unknown';
}

function compileTrust(setting: string): (address: string, hop: number) => boolean {
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  if (setting === 'true') {
    throw new TrustProxyError('TRUST_PROXY=true would trust an X-Forwarded-For written by anyone: name the proxies (e.g. "loopback" or "10.0.0.2") or a number of hops');
  }
  const entries = setting.split(',').map((part) => part.trim());
  const range = entries.find((entry) => CLIENT_RANGES.has(entry));
  if (range) {
    throw new TrustProxyError(`TRUST_PROXY=${range} would trust the clients on such networks too, who could then choose their address: name the proxies' own addresses`);
  }
  try {
    return proxyAddr.compile(entries);
  } catch (error) {
    throw new TrustProxyError(`TRUST_PROXY must list the proxies' addresses or subnets, or loopback, or be a number of hops: ${(error as Error).message}`);
  }
}

/** The socket's peer; a socket already gone has none, and all such count as one. */
function peerAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
