import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreatedSession, Role } from '@roundtable/shared';

export async function createSession(baseUrl: string, body: Record<string, unknown>): Promise<CreatedSession> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}`);
  return (await res.json()) as CreatedSession;
}

/** Whether a request goes anywhere but our server (blob: and data: URLs stay in the page). */
export function leavesOrigin(url: string, appUrl: string): boolean {
  if (url.startsWith('data:')) return false;
  return new URL(url).origin !== new URL(appUrl).origin;
}

export interface Participant {
  context: BrowserContext;
  page: Page;
  /** Every request the page made outside the app's origin. */
  outside: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

/** A page in its own browser context (own storage), recording requests outside the app and page errors. */
async function watchedPage(browser: Browser, appUrl: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Participant> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.message}\n${error.stack ?? ''}`));
  page.on('request', (request) => {
    if (leavesOrigin(request.url(), appUrl)) outside.push(request.url());
  });
  return { context, page, outside, errors };
}

/** A page at `url` in its own browser context, as someone following a link would open it. */
export async function openLink(
  browser: Browser,
  appUrl: string,
  url: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Participant> {
  const participant = await watchedPage(browser, appUrl, options);
  await participant.page.goto(url);
  return participant;
}

/** One person in their own browser context (own storage), joined with a name. */
export async function join(
  browser: Browser,
  appUrl: string,
  session: CreatedSession,
  role: Role,
  name: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Participant> {
  const participant = await watchedPage(browser, appUrl, options);
  const { page } = participant;
  await page.goto(session.links[role]);
  await page.getByLabel('Your name, as others will see it').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('[data-status="connected"]').waitFor();
  return participant;
}

/** The room's screen: a session link opened with `view=projector`, which asks for no name. */
export async function openProjector(browser: Browser, appUrl: string, session: CreatedSession, role: Role): Promise<Participant> {
  const participant = await watchedPage(browser, appUrl, { viewport: { width: 1280, height: 720 } });
  const link = new URL(session.links[role]);
  link.searchParams.set('view', 'projector');
  await participant.page.goto(link.toString());
  await participant.page.getByTestId('projector').waitFor();
  return participant;
}

export const minutes = (page: Page) => page.getByLabel('Minutes', { exact: true });

/** The minutes' text as written, without the name labels of other people's cursors. */
export function minutesText(page: Page): Promise<string> {
  return minutes(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-cursor__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });
}

/** The shapes on a person's board. */
export const boardShapes = (page: Page) => page.locator('.tl-shape');

/** Draws a rectangle by dragging with the rectangle tool, as a person would. */
export async function drawRectangle(page: Page, from: { x: number; y: number }, size = 120): Promise<void> {
  const board = page.locator('.board-canvas .tl-container');
  await board.waitFor();
  const box = (await board.boundingBox())!;
  await page.mouse.click(box.x + from.x, box.y + from.y); // focus the board for its shortcuts
  await page.keyboard.press('r');
  await page.mouse.move(box.x + from.x, box.y + from.y);
  await page.mouse.down();
  await page.mouse.move(box.x + from.x + size / 2, box.y + from.y + size / 2, { steps: 4 });
  await page.mouse.move(box.x + from.x + size, box.y + from.y + size, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
}

/** Drops an image file onto the board, as a person dragging it from their desktop would. */
export async function dropImage(page: Page, png: Buffer, at: { x: number; y: number }): Promise<void> {
  const board = page.locator('.board-canvas .tl-container');
  const box = (await board.boundingBox())!;
  await page.evaluate(
    ({ base64, x, y }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'diagram.png', { type: 'image/png' }));
      const target = document.elementFromPoint(x, y)!;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, clientX: x, clientY: y, bubbles: true, cancelable: true }));
      }
    },
    { base64: png.toString('base64'), x: box.x + at.x, y: box.y + at.y },
  );
}
