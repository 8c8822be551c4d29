import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** The network address a request came from, as the per-address limits count it. */
export type ClientAddress = (req: IncomingMessage) => string;

export class TrustProxyError extends Error {}

/**
 * How to tell a request's address (`TRUST_PROXY`). Unset: the socket's peer, and `X-Forwarded-For`
 * is ignored, since anyone can write it. Behind a reverse proxy that terminates TLS every request
 * comes from the proxy, so the per-address limits (new connections, questions) would count the
 * whole conference as one address; naming the proxy makes its `X-Forwarded-For` count instead.
 *
 * `trustProxy` is what Express's `trust proxy` takes: a comma-separated list of the proxies'
 * addresses or subnets, or of `loopback`, `linklocal`, `uniquelocal` (say `loopback` for nginx or
 * Caddy on the same host), or a number of proxy hops. The address is the first one, read from the
 * right, that is not a trusted proxy. `true` (trust every hop) is refused: it would let any client
 * choose the address it is counted as.
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
    throw new TrustProxyError('TRUST_PROXY=true would trust an X-Forwarded-For written by anyone: name the proxies (e.g. "loopback" or "10.0.0.0/8") or a number of hops');
  }
  try {
    return proxyAddr.compile(setting.split(',').map((part) => part.trim()));
  } catch (error) {
    throw new TrustProxyError(`TRUST_PROXY must list proxy addresses, subnets, loopback, linklocal or uniquelocal, or be a number of hops: ${(error as Error).message}`);
  }
}

/** The socket's peer; a socket already gone has none, and all such count as one. */
function peerAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
