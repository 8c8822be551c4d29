import { isIP } from 'node:net';

/**
 * What a per-address limit counts an address as. An IPv6 host is given a whole /64 (SLAAC,
 * privacy addresses) and can come from a new address in it every time, so IPv6 is counted by its
 * first 64 bits (`2001:db8:0:1::/64`); IPv4, and IPv4 mapped into IPv6 (`::ffff:192.0.2.1`, how a
 * dual-stack socket shows an IPv4 peer), by the whole address. Anything else is its own key.
 */
export function addressBucket(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const isMappedIpv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMappedIpv4) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail read, a zone dropped), or null. */
function ipv6Groups(address: string): number[] | null {
  const bare = address.split('%')[0]!.toLowerCase();
  if (isIP(bare) !== 6) return null;
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = bare.split('::');
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
