import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { boardShapes, createSession, drawRectangle, join, type Participant } from '../support/workspace.js';

let app: RunningApp;
let browser: Browser;
const people: Participant[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of people) await p.context.close();
  await browser?.close();
  await app?.stop();
});

describe('whiteboard', () => {
  it('shows what one attendee draws to the other and to a follower, who cannot draw; a reload keeps it', async () => {
    const session = await createSession(app.url, { title: 'Board test', durationMinutes: 30 });
    const ada = await join(browser, app.url, session, 'attendee', 'Ada');
    const bob = await join(browser, app.url, session, 'attendee', 'Bob');
    const eve = await join(browser, app.url, session, 'follower', 'Eve');
    people.push(ada, bob, eve);

    await drawRectangle(ada.page, { x: 100, y: 100 });
    await expect.poll(() => boardShapes(ada.page).count()).toBe(1);
    await expect.poll(() => boardShapes(bob.page).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => boardShapes(eve.page).count(), { timeout: 10_000 }).toBe(1);

    await drawRectangle(bob.page, { x: 300, y: 120 });
    await expect.poll(() => boardShapes(ada.page).count(), { timeout: 10_000 }).toBe(2);

    // The follower's board is read-only: drawing makes nothing, for anyone.
    await drawRectangle(eve.page, { x: 200, y: 300 });
    expect(await boardShapes(eve.page).count()).toBe(2); // a shape the follower made would show at once
    await drawRectangle(ada.page, { x: 450, y: 300 });
    await expect.poll(() => boardShapes(bob.page).count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => boardShapes(eve.page).count()).toBe(3);

    await bob.page.reload();
    await bob.page.locator('[data-status="connected"]').waitFor();
    await expect.poll(() => boardShapes(bob.page).count(), { timeout: 10_000 }).toBe(3);

    for (const p of [ada, bob, eve]) expect(p.outside).toEqual([]);
  });
});
