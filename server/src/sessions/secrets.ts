import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 72 bits: session ids appear in URLs, so they are short but still not guessable by enumeration. */
export const newSessionId = () => randomBytes(9).toString('base64url');
/** 192 bits: a token is the only credential for its role. */
export const newToken = () => randomBytes(24).toString('base64url');

/** Compares secrets in constant time; hashing first makes the lengths equal. */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
