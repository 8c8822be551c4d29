import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { createSession, minutes, minutesText } from '../support/workspace.js';

const room = useTestRoom();

describe('resilience', () => {
  it('keeps what an attendee types while cut off and delivers it when the connection returns', async () => {
    const session = await createSession(room.url, { title: 'Offline test', durationMinutes: 30 });
    const ada = await room.person(session, 'attendee', 'Ada');
    const bob = await room.person(session, 'attendee', 'Bob');

    // The connection drops (here: the server dies without a word, as with a pulled cable).
    await room.app.crash();
    await ada.page.locator('[data-status="reconnecting"], [data-status="offline"]').waitFor();
    await minutes(ada.page).click();
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.type('Typed while the wifi was down');
    expect(await minutesText(ada.page)).toContain('Typed while the wifi was down');

    await room.app.start();
    // Chromium spaces out reconnects to a host that refused several: allow for its back-off.
    await expect.poll(() => minutesText(bob.page), { timeout: 45_000 }).toContain('Typed while the wifi was down');
    await ada.page.locator('[data-status="connected"]').waitFor({ timeout: 45_000 });
  }, 120_000);
});
