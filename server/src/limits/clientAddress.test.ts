import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TrustProxyError, clientAddressFrom } from './clientAddress.js';

/** A request from `peer`, with `forwardedFor` as its X-Forwarded-For if given. */
function request(peer: string | undefined, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('clientAddressFrom', () => {
  it('without TRUST_PROXY is the peer, whatever X-Forwarded-For says', () => {
    const address = clientAddressFrom(undefined);
    expect(address(request('198.51.100.4', '192.0.2.1'))).toBe('198.51.100.4');
    expect(clientAddressFrom('  ')(request('198.51.100.4', '192.0.2.1'))).toBe('198.51.100.4');
    expect(address(request(undefined))).toBe('unknown');
  });

  it('behind a trusted proxy is the first address from the right that is not a trusted proxy', () => {
    const address = clientAddressFrom('loopback, 10.0.0.2');
    expect(address(request('127.0.0.1', '192.0.2.1'))).toBe('192.0.2.1');
    expect(address(request('::ffff:127.0.0.1', '2001:db8::7'))).toBe('2001:db8::7');
    // A client's own X-Forwarded-For comes first: the proxy appends the address it saw.
    expect(address(request('127.0.0.1', '203.0.113.9, 192.0.2.1'))).toBe('192.0.2.1');
    expect(address(request('127.0.0.1', '203.0.113.9, 192.0.2.1, 10.0.0.2'))).toBe('192.0.2.1'); // through both proxies
    // Straight from the outside, not through the proxy: the header is the client's own word.
    expect(address(request('198.51.100.4', '192.0.2.1'))).toBe('198.51.100.4');
    // Through the proxy without the header: the proxy itself.
    expect(address(request('127.0.0.1'))).toBe('127.0.0.1');
  });

  it('trusts a whole subnet as proxies: a client inside it can name its address (why the README says to list the proxies alone)', () => {
    const address = clientAddressFrom('10.0.0.0/8');
    expect(address(request('10.0.0.2', '203.0.113.77, 10.1.5.7'))).toBe('203.0.113.77');
    expect(clientAddressFrom('10.0.0.2')(request('10.0.0.2', '203.0.113.77, 10.1.5.7'))).toBe('10.1.5.7');
  });

  it('with a number of hops trusts that many, from the socket', () => {
    const address = clientAddressFrom('1');
    expect(address(request('198.51.100.4', '203.0.113.9, 192.0.2.1'))).toBe('192.0.2.1');
    expect(clientAddressFrom('2')(request('198.51.100.4', '203.0.113.9, 192.0.2.1'))).toBe('203.0.113.9');
    expect(clientAddressFrom('0')(request('198.51.100.4', '192.0.2.1'))).toBe('198.51.100.4');
  });

  it('refuses "true" and what is not an address, saying why', () => {
    expect(() => clientAddressFrom('true')).toThrow(TrustProxyError);
    expect(() => clientAddressFrom('true')).toThrow(/anyone/);
    expect(() => clientAddressFrom('my-proxy.example')).toThrow(/TRUST_PROXY must list/);
    expect(() => clientAddressFrom('loopback, uniquelocal')).toThrow(/clients on such networks/);
    expect(() => clientAddressFrom('linklocal')).toThrow(TrustProxyError);
    expect(() => clientAddressFrom('10.0.0.0/33')).toThrow(TrustProxyError);
  });
});
