/**
 * Identifiers derived from our string ids, for formats that want numbers or UUIDs (frab, pretalx).
 * Derived, not stored: the same session gets the same id in every export, so a conference app that
 * imported the schedule yesterday updates its entries instead of duplicating them.
 */

/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's avalanche so nearby ids spread out. */
function hash32(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A positive safe integer (up to 2^53 - 1) for `text`. */
export function stableNumberId(text: string): number {
  const high = hash32(text, 0x9e3779b9) & 0x1fffff; // 21 bits
  const low = hash32(text, 0x7f4a7c15); // 32 bits
  return high * 2 ** 32 + low || 1;
}

/**
 * A UUID-shaped id for `text`: 122 hashed bits with version 8 ("custom", RFC 9562) and the RFC
 * variant, so UUID validators accept it and nobody mistakes it for a random v4.
 */
export function stableUuid(text: string): string {
  const hex = [1, 2, 3, 4].map((seed) => hash32(text, seed * 0x27d4eb2d).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `"Grant tables: who pays?"` -> `"grant-tables-who-pays"`; letters of any script are kept. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
