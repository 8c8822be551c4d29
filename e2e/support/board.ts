import type { Page } from 'playwright-core';

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
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.mouse.wheel(dx, dy);
    for (let i = 0; i < 10; i++) {
      if (centreDistance(await viewportOf(page), before) > 1) return;
      await page.waitForTimeout(50);
    }
  }
  throw new Error('the board did not scroll');
}

/** Waits until a person's view stops moving (following eases towards the leader over a few frames). */
export async function settledViewport(page: Page): Promise<Viewport> {
  let previous = '';
  for (let i = 0; i < 50; i++) {
    const now = (await boardContainer(page).getAttribute('data-viewport')) ?? '';
    if (now && now === previous) return (await viewportOf(page))!;
    previous = now;
    await page.waitForTimeout(100);
  }
  throw new Error('the board kept moving for 5 s');
}
