import { describe, expect, it } from 'vitest';
import { MINUTES_FORMATS } from '@roundtable/shared';
import { MINUTES_DOWNLOADS, minutesDownloadUrl } from './minutesDownloads';

describe('minutes downloads', () => {
  it('offers every format the server renders, once, each with its own name', () => {
    expect(MINUTES_DOWNLOADS.map((d) => d.format).sort()).toEqual([...MINUTES_FORMATS].sort());
    expect(new Set(MINUTES_DOWNLOADS.map((d) => d.name)).size).toBe(MINUTES_DOWNLOADS.length);
  });

  it('links to the format with the token, asking for an attachment', () => {
    expect(minutesDownloadUrl('abc', 'tok', 'md')).toBe('/api/sessions/abc/minutes.md?token=tok&download');
    expect(minutesDownloadUrl('abc', 'tok', 'html', { download: false })).toBe('/api/sessions/abc/minutes.html?token=tok');
  });

  it('escapes the session id, the token and the address', () => {
    expect(minutesDownloadUrl('a/b', 't+k=&', 'eml', { to: ' ann+list@example.org ' })).toBe(
      '/api/sessions/a%2Fb/minutes.eml?token=t%2Bk%3D%26&to=ann%2Blist%40example.org&download',
    );
  });

  it('leaves out an empty address: the server then uses the mailing list', () => {
    expect(minutesDownloadUrl('abc', 'tok', 'eml', { to: '  ' })).toBe('/api/sessions/abc/minutes.eml?token=tok&download');
  });
});
