import { describe, expect, it } from 'vitest';
import { postingText } from './postingText';

describe('postingText', () => {
  const now = new Date(2025, 5, 12, 16, 0);

  it('gives the local time, padded, and every accepted address', () => {
    expect(postingText({ accepted: ['list@example.org'], at: new Date(2025, 5, 12, 9, 5).getTime() }, now)).toBe('Sent at 09:05 to list@example.org');
    expect(postingText({ accepted: ['a@x.org', 'b@x.org'], at: new Date(2025, 5, 12, 14, 30).getTime() }, now)).toBe('Sent at 14:30 to a@x.org, b@x.org');
  });

  it('adds the date when it was not today', () => {
    expect(postingText({ accepted: ['l@x.org'], at: new Date(2025, 5, 11, 23, 59).getTime() }, now)).toBe('Sent on 2025-06-11 at 23:59 to l@x.org');
  });
});
