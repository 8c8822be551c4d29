import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { readDocument } from '../support/documentReader.js';
import { createSession, minutes } from '../support/workspace.js';
import { presentationLeftMs, presentationLevel, sessionLeftMs, timerButton, timerPhase } from '../support/timer.js';

const room = useTestRoom();

describe('moderator timer', () => {
  it('counts the presentation down for everyone and switches to discussion by itself at the cap', async () => {
    const session = await createSession(room.url, { title: 'Timer test', durationMinutes: 1 });
    expect(session.presentationCapMs).toBe(15_000);
    const mo = await room.person(session, 'moderator', 'Mo');
    const ada = await room.person(session, 'attendee', 'Ada');
    const screen = await room.projector(session);
    const everyone = [mo, ada, screen];

    for (const p of everyone) await expect.poll(() => timerPhase(p.page), { timeout: 10_000 }).toBe('scheduled');
    // Only the moderator runs the timer.
    expect(await ada.page.getByRole('toolbar', { name: 'Timer controls' }).count()).toBe(0);
    expect(await ada.page.getByRole('button', { name: 'Present', exact: true }).count()).toBe(0);
    const present = timerButton(mo.page, 'Present');
    expect(await present.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+P');
    await expect.poll(() => present.isEnabled(), { timeout: 5000 }).toBe(true);

    await present.click();
    const presentedAt = Date.now();
    for (const p of everyone) await expect.poll(() => timerPhase(p.page), { timeout: 5000 }).toBe('presentation');
    for (const p of [mo, ada]) {
      const before = await presentationLeftMs(p.page);
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThanOrEqual(15_000);
      await expect.poll(() => presentationLeftMs(p.page), { timeout: 5000 }).toBeLessThan(before - 1000);
    }

    // No one touches anything: the server ends the presentation at the cap.
    for (const p of everyone) await expect.poll(() => timerPhase(p.page), { timeout: 20_000, interval: 200 }).toBe('discussion');
    expect(Date.now() - presentedAt).toBeLessThan(17_000);
    await expect.poll(() => present.isDisabled(), { timeout: 5000 }).toBe(true);
    for (const p of [mo, ada]) {
      expect(await presentationLeftMs(p.page)).toBe(0);
      expect(await presentationLevel(p.page)).toBe('red');
    }

    // The shortcut says why instead of presenting again.
    await mo.page.locator('body').click({ position: { x: 5, y: 5 } });
    await mo.page.keyboard.press('Alt+Shift+P');
    await mo.page.getByText('Presentation time is used up').waitFor();

    // Shortcuts stay out of the minutes; outside them, Alt+Shift+E extends by five minutes, once.
    await minutes(mo.page).click();
    await mo.page.keyboard.press('Alt+Shift+E');
    const extend = timerButton(mo.page, 'Extend +5 min');
    await mo.page.locator('body').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => extend.isEnabled(), { timeout: 5000 }).toBe(true); // waits out an extension the minutes might have sent
    await mo.page.keyboard.press('Alt+Shift+E');
    await expect.poll(() => sessionLeftMs(ada.page), { timeout: 10_000 }).toBeGreaterThan(4 * 60_000);
    await expect.poll(() => extend.isEnabled(), { timeout: 5000 }).toBe(true);
    expect(await sessionLeftMs(mo.page)).toBeLessThan(6 * 60_000);
    expect(await sessionLeftMs(ada.page)).toBeLessThan(6 * 60_000);
  });

  it('shows the projector view: the moderator’s board and a large timer, no chrome, no name, not an attendee', async () => {
    const session = await createSession(room.url, { title: 'Projector test', durationMinutes: 30 });
    const screen = await room.projector(session);
    await expect.poll(() => timerPhase(screen.page), { timeout: 10_000 }).toBe('scheduled');
    expect(await screen.page.getByLabel('Your name, as others will see it').count()).toBe(0);

    const mo = await room.person(session, 'moderator', 'Mo');
    await timerButton(mo.page, 'Start').click();
    await expect.poll(() => timerPhase(screen.page), { timeout: 5000 }).toBe('discussion');
    const phase = screen.page.getByTestId('timer-phase');
    expect(await phase.textContent()).toBe('Discussion');
    // Readable from the back of the room.
    const fontSize = await screen.page.getByTestId('timer-session').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(72);

    // It follows the moderator's board once that is up, and shows none of tldraw's editing UI.
    await expect.poll(() => screen.page.getByTestId('projector-board').getAttribute('data-following'), { timeout: 15_000 }).toBe('true');
    await screen.page.locator('.tl-container').waitFor();
    expect(await screen.page.locator('.tlui-layout').count()).toBe(0);
    // The moderator scrolls their board: the projector's camera goes with it.
    const camera = () => screen.page.getByTestId('projector-board').getAttribute('data-camera');
    await expect.poll(camera, { timeout: 5000 }).toMatch(/^-?\d+,-?\d+,/);
    // Starting to follow moves the camera onto the moderator's viewport: wait until it has settled.
    let previous: string | null = null;
    await expect
      .poll(async () => {
        const now = await camera();
        const settled = now === previous;
        previous = now;
        return settled;
      }, { timeout: 10_000, interval: 300 })
      .toBe(true);
    const yOf = (value: string | null) => Number(value!.split(',')[1]);
    const yBefore = yOf(await camera());
    const canvas = mo.page.locator('.tl-canvas');
    const box = (await canvas.boundingBox())!;
    await mo.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await mo.page.mouse.wheel(0, 400);
    // scrolled down: the camera's y goes up the page, on the projector too
    await expect.poll(async () => yOf(await camera()), { timeout: 10_000 }).toBeLessThan(yBefore - 100);

    // Nobody sees the projector as a person, and it is no attendee of the minutes.
    const presence = mo.page.getByRole('region', { name: 'Who is here' });
    await expect.poll(() => presence.textContent(), { timeout: 5000 }).toMatch(/Here now \(1\)/);
    const attendees = () => readDocument(room.url, session.id, session.tokens.follower, (doc) => Object.keys(doc.getMap('attendees').toJSON()));
    await expect.poll(attendees, { timeout: 10_000 }).toEqual(['Mo']);

    for (const p of [screen, mo]) {
      expect(p.outside).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
