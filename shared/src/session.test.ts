import { describe, expect, it } from 'vitest';
import { createSessionSchema } from './session.js';
import { presentationCapMs } from './limits.js';
import { validationDetails } from './validation.js';

describe('presentationCapMs', () => {
  it('is a quarter of the session, rounded down to the millisecond', () => {
    expect(presentationCapMs(50)).toBe(750_000);
    expect(presentationCapMs(1)).toBe(15_000);
    expect(presentationCapMs(7)).toBe(105_000);
    expect(presentationCapMs(480)).toBe(7_200_000);
  });
});

describe('createSessionSchema', () => {
  it('accepts the full contract body', () => {
    const parsed = createSessionSchema.parse({
      title: '  Grant tables  ',
      durationMinutes: 50,
      problem: 'p',
      contribute: 'c',
      preparation: [{ url: 'http://example.org', label: 'x' }, { url: 'https://example.org/b' }],
      moderatorName: 'Ada',
      mailingList: 'devel@lists.example.org',
      capacity: 30,
    });
    expect(parsed.title).toBe('Grant tables');
  });

  it('reports every broken field with a dotted path', () => {
    const result = createSessionSchema.safeParse({
      title: 1,
      durationMinutes: 0,
      preparation: [{ url: 'https://ok.example' }, { url: 'mailto:x@example.org' }],
      unexpected: true,
    });
    expect(result.success).toBe(false);
    const paths = validationDetails(result.error!).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'durationMinutes', 'preparation.1.url', '']));
  });
});
