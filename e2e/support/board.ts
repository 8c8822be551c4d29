import { errors, type Page } from 'playwright-core';

/** The workspace board's tldraw container, which carries the camera attributes the app writes. */
export const boardContainer = (page: Page) => page.locator('.board-canvas .tl-container');

export interface Viewport {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of the page a person's board shows now (page units), as the app reports it. */
export async function viewportOf(page: Page): Promise<Viewport | null> {
  const value = await boardContainer(page).getAttribute('data-viewport');
  if (!value) return null;
  const [x, y, w, h] = value.split(',').map(Number) as [number, number, number, number];
  return { x, y, w, h };
}

/** How far apart the centres of two people's views are, in page units (Infinity if one is missing). */
export function centreDistance(a: Viewport | null, b: Viewport | null): number {
  if (!a || !b) return Number.POSITIVE_INFINITY;
  return Math.hypot(a.x + a.w / 2 - (b.x + b.w / 2), a.y + a.h / 2 - (b.y + b.h / 2));
}

/** How long a wheel may take to move the board before it counts as gone to the page's scroller instead. */
const WHEEL_ANSWER_MS = 500;
/**
 * How long a view must stay put to count as settled: longer than the 100 ms between the relays of
 * the moderator's moves to followers, so a view between two relays is not taken for a settled one.
 */
const SETTLED_AFTER_MS = 300;
const SETTLING_TIMEOUT_MS = 5000;

/**
 * Scrolls a person's board with the mouse wheel over its middle, as a person looking around would,
 * and waits until their view moved. Right after the page itself scrolled, Chromium may still hand
 * a wheel to the page's scroller (scroll latching); a person would simply scroll again, and so do we.
 */
export async function scrollBoard(page: Page, dx: number, dy: number): Promise<void> {
  const board = boardContainer(page);
  // Its middle on screen: a wheel over a point outside the window goes nowhere.
  await board.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const box = (await board.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = await viewportOf(page);
  const handle = await board.elementHandle();
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.mouse.wheel(dx, dy);
      const moved = page.waitForFunction(
        ([element, from]) => {
          const [x, y, w, h] = (element.getAttribute('data-viewport') ?? '').split(',').map(Number) as [number, number, number, number];
          // More than a page unit between the centres, as centreDistance measures it.
          return !from || Math.hypot(x + w / 2 - (from.x + from.w / 2), y + h / 2 - (from.y + from.h / 2)) > 1;
        },
        [handle!, before] as const,
        { polling: 50, timeout: WHEEL_ANSWER_MS },
      );
      if (await moved.then(() => true, rethrowUnlessTimeout)) return;
    }
  } finally {
    await handle?.dispose();
  }
  throw new Error('the board did not scroll');
}

/**
 * Waits until a person's view stops moving (following eases towards the leader over a few frames):
 * until it has kept one value for SETTLED_AFTER_MS, watched in the page.
 */
export async function settledViewport(page: Page): Promise<Viewport> {
  const handle = await boardContainer(page).elementHandle();
  // Each call watches afresh: a value noted by an earlier call says nothing about how long it has held.
  const call = Math.random();
  try {
    await page.waitForFunction(
      ([element, quietMs, thisCall]) => {
        const watched = element as Element & { settling?: { call: number; value: string; since: number } };
        const value = element.getAttribute('data-viewport') ?? '';
        const now = performance.now();
        if (watched.settling?.call !== thisCall || watched.settling.value !== value) {
          watched.settling = { call: thisCall, value, since: now };
          return false;
        }
        return value !== '' && now - watched.settling.since >= quietMs;
      },
      [handle!, SETTLED_AFTER_MS, call] as const,
      { polling: 50, timeout: SETTLING_TIMEOUT_MS },
    );
  } catch (error) {
    rethrowUnlessTimeout(error);
    throw new Error(`the board kept moving for ${SETTLING_TIMEOUT_MS / 1000} s`);
  } finally {
    await handle?.dispose();
  }
  return (await viewportOf(page))!;
}

/** Playwright's timeout is an answer here ("not yet"); anything else (a closed page) is not. */
function rethrowUnlessTimeout(error: unknown): false {
  if (error instanceof errors.TimeoutError) return false;
  throw error;
}
