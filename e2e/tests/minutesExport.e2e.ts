import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { boardShapes, createSession, drawRectangle, minutes, minutesText } from '../support/workspace.js';

const room = useTestRoom();

/** Clicks an export link and answers the downloaded file's text. */
async function download(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByRole('link', { name }).click()]);
  const path = await file.path();
  return fs.readFile(path, 'utf8');
}

/** The text of a quoted-printable body: soft line breaks joined, =XX bytes decoded as UTF-8. */
function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('minutes export', () => {
  it('downloads the Markdown and the email with what two people wrote, the minute-taker and the board', async () => {
    const session = await createSession(room.url, {
      title: 'Export test',
      durationMinutes: 30,
      moderatorName: 'Mo',
      mailingList: 'xen-devel@example.org',
    });
    const mo = await room.person(session, 'moderator', 'Mo');
    const ada = await room.person(session, 'attendee', 'Ada');
    // The board first, while the page is not scrolled down the minutes.
    await drawRectangle(ada.page, { x: 200, y: 150 });
    await expect.poll(() => boardShapes(mo.page).count(), { timeout: 10_000 }).toBe(1);

    await minutes(mo.page).click();
    await mo.page.keyboard.press('Control+End');
    await mo.page.keyboard.type('Mo thinks the ring buffer should grow');
    await minutes(ada.page).click();
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.press('Enter');
    await ada.page.keyboard.type('Ada measured a 12% slowdown');
    for (const p of [mo, ada]) {
      await expect.poll(() => minutesText(p.page), { timeout: 10_000 }).toContain('ring buffer should grow');
      await expect.poll(() => minutesText(p.page), { timeout: 10_000 }).toContain('12% slowdown');
    }

    // The moderator nominates Ada; both see it.
    const taker = mo.page.getByLabel('Minute-taker');
    await expect.poll(() => taker.isEnabled(), { timeout: 10_000 }).toBe(true);
    await taker.selectOption({ label: 'Ada' });
    for (const p of [mo, ada]) await expect.poll(() => p.page.getByTestId('minute-taker').textContent(), { timeout: 10_000 }).toBe('Ada');


    const markdown = await download(ada.page, 'Download Markdown');
    expect(markdown).toContain('# Export test');
    expect(markdown).toContain('Mo thinks the ring buffer should grow');
    expect(markdown).toContain('Ada measured a 12% slowdown');
    expect(markdown).toMatch(/Minute-taker.*Ada/);
    expect(markdown).toContain('Presentation: 0 of 30 minutes (0%, cap 25%)');

    const eml = await download(ada.page, 'Download email (.eml)');
    const headers = eml.slice(0, eml.indexOf('\r\n\r\n'));
    expect(headers).toContain('Subject: [Design Session] Export test: minutes');
    expect(headers).toContain('To: xen-devel@example.org');
    const text = decodeQuotedPrintable(eml);
    expect(text).toContain('Mo thinks the ring buffer should grow');
    expect(text).toContain('Ada measured a 12% slowdown');
    // The board was drawn on: the browser rendered it and the email carries it.
    const attachment = /Content-Type: image\/png; name=whiteboard\.png\r\n(?:[\w-]+: [^\r\n]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+)/.exec(eml);
    expect(attachment, 'the email carries the board').not.toBeNull();
    const png = Buffer.from(attachment![1]!.replace(/\r\n/g, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16), 'as wide as the rectangle and its margin').toBeGreaterThanOrEqual(120);

    // Without SMTP the moderator's dialog shows the exact email and offers the .eml instead of sending.
    await mo.page.getByRole('button', { name: 'Send minutes' }).click();
    const dialog = mo.page.getByRole('dialog', { name: 'Send minutes' });
    await expect.poll(() => dialog.getByTestId('email-body').textContent(), { timeout: 10_000 }).toContain('12% slowdown');
    expect(await dialog.getByTestId('email-subject').textContent()).toContain('[Design Session] Export test: minutes');
    expect(await dialog.getByLabel('To').inputValue()).toBe('xen-devel@example.org');
    await dialog.getByTestId('no-smtp').waitFor();
    // E2E_SCREENSHOTS=<dir> keeps a picture of the dialog, for the docs.
    if (process.env.E2E_SCREENSHOTS) await mo.page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/send-minutes.png` });
    expect(await dialog.getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);

    for (const p of [mo, ada]) {
      expect(p.errors).toEqual([]);
      expect(p.outside).toEqual([]);
    }
  });
});
