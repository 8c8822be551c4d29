import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The same real SMTP server (the smtp-server package) the server's integration tests post to.
import { TestSmtpServer } from '../../server/test/smtpServer.js';
import { useTestRoom } from '../support/room.js';
import { createSession, minutes, minutesText } from '../support/workspace.js';

let smtp: TestSmtpServer | undefined;
beforeAll(async () => {
  smtp = await TestSmtpServer.start({ refuse: ['closed-list@example.org'] });
});
const room = useTestRoom(() => ({ SMTP_URL: smtp!.url, MAIL_FROM: 'Summit <summit@example.org>' }));
afterAll(async () => {
  await smtp?.stop();
});

describe('posting the minutes', () => {
  it('shows the moderator the exact email, sends it to the list, and tells everyone it was sent', async () => {
    const session = await createSession(room.url, { title: 'Send test', durationMinutes: 30, mailingList: 'closed-list@example.org' });
    const mo = await room.person(session, 'moderator', 'Mo');
    const ada = await room.person(session, 'attendee', 'Ada');
    await minutes(ada.page).click();
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.type('Agreed to post these minutes');
    await expect.poll(() => minutesText(mo.page), { timeout: 10_000 }).toContain('Agreed to post these minutes');

    await mo.page.getByRole('button', { name: 'Send minutes' }).click();
    const dialog = mo.page.getByRole('dialog', { name: 'Send minutes' });
    await expect.poll(() => dialog.getByTestId('email-body').textContent(), { timeout: 10_000 }).toContain('Agreed to post these minutes');
    expect(await dialog.getByTestId('email-from').textContent()).toContain('summit@example.org');
    const send = dialog.getByRole('button', { name: 'Send', exact: true });

    // The list refuses: the dialog says so, stays open, and nothing is marked as sent.
    await expect.poll(() => send.isEnabled(), { timeout: 10_000 }).toBe(true);
    await send.click();
    await expect.poll(() => dialog.getByTestId('send-error').textContent(), { timeout: 10_000 }).toMatch(/Not sent:.*closed-list@example\.org/);
    expect(smtp!.received).toHaveLength(0);
    expect(await mo.page.getByTestId('minutes-sent').count()).toBe(0);

    // Another address: sent, and everyone sees the posting.
    await dialog.getByLabel('To').fill('xen-devel@example.org');
    await expect.poll(() => dialog.getByTestId('email-to').textContent(), { timeout: 10_000 }).toContain('xen-devel@example.org');
    await expect.poll(() => send.isEnabled(), { timeout: 10_000 }).toBe(true);
    await send.click();
    await expect.poll(() => dialog.getByTestId('send-result').textContent(), { timeout: 10_000 }).toContain('Sent to xen-devel@example.org');
    expect(smtp!.received).toHaveLength(1);
    expect(smtp!.received[0]!.to).toEqual(['xen-devel@example.org']);
    expect(smtp!.received[0]!.raw.toString('utf8')).toContain('Agreed to post these minutes');
    for (const p of [mo, ada]) {
      await expect.poll(() => p.page.getByTestId('minutes-sent').textContent(), { timeout: 10_000 }).toMatch(/Sent at .* to xen-devel@example\.org/);
    }
    for (const p of [mo, ada]) expect(p.errors).toEqual([]);
  });
});
