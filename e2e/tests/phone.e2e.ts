import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { createSession, drawRectangle, minutes, minutesText } from '../support/workspace.js';
import { timerButton, timerPhase } from '../support/timer.js';
import { boardContainer } from '../support/board.js';

const room = useTestRoom();

/** A phone of 375 CSS pixels, held upright, with a touch screen. */
const PHONE = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * Where the screenshots go: the README's pictures with UPDATE_SCREENSHOTS=1, else a scratch folder
 * (they are still taken, so the way to make them stays working).
 */
const shots = process.env.UPDATE_SCREENSHOTS
  ? join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots')
  : mkdtempSync(join(tmpdir(), 'roundtable-shots-'));
mkdirSync(shots, { recursive: true });

describe('a follower on a phone', () => {
  it('shows the timer and phase on top, readable minutes and a board that pinch-zooms, at 375 px', async () => {
    const session = await createSession(room.url, {
      title: 'Scheduler fairness for mixed workloads',
      durationMinutes: 45,
      problem: 'Latency-sensitive guests starve under batch load.',
    });
    const mo = await room.person(session, 'moderator', 'Mo');
    await drawRectangle(mo.page, { x: 200, y: 150 }, 160);
    await minutes(mo.page).click();
    await mo.page.keyboard.press('Control+End');
    await mo.page.keyboard.type('Ada: prototype a fairness knob per pool, due 2026-12-14');
    await timerButton(mo.page, 'Start').click();

    const eve = await room.person(session, 'follower', 'Eve', PHONE);
    const { page } = eve;
    await expect.poll(() => timerPhase(page), { timeout: 10_000 }).toBe('discussion');
    await expect.poll(() => minutesText(page), { timeout: 10_000 }).toContain('fairness knob per pool');
    await expect.poll(() => page.getByTestId('follow-bar').getAttribute('data-following'), { timeout: 15_000 }).toBe('true');

    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The timer and phase come first, at the top.
    const phase = page.getByTestId('timer-phase');
    expect((await phase.boundingBox())!.y).toBeLessThan(60);
    await page.screenshot({ path: join(shots, 'follower-phone-board.png') });

    // Scrolled down to the minutes, the timer stays on top, and the minutes read at a phone's text size.
    await minutes(page).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 300);
    await expect.poll(async () => (await phase.boundingBox())!.y).toBeLessThan(60);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const fontSize = await minutes(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(15);
    const box = (await minutes(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(shots, 'follower-phone-minutes.png') });

    // Two fingers on the board zoom it, and the follower is then looking around on their own.
    await page.evaluate(() => window.scrollTo(0, 0));
    const board = boardContainer(page);
    await board.scrollIntoViewIfNeeded();
    const zoom = async () => Number((await board.getAttribute('data-camera'))!.split(',')[2]);
    const before = await zoom();
    const area = (await board.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.synthesizePinchGesture', {
      x: Math.round(area.x + area.width / 2),
      y: Math.round(area.y + area.height / 2),
      scaleFactor: 2,
      gestureSourceType: 'touch',
    });
    await expect.poll(zoom, { timeout: 5000 }).toBeGreaterThan(before * 1.3);
    await page.getByRole('button', { name: 'Follow Mo' }).waitFor();

    for (const p of [mo, eve]) {
      expect(p.outside).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
