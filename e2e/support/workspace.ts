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

export interface Participant {
  context: BrowserContext;
  page: Page;
  /** Every request the page made outside the app's origin. */
  outside: string[];
}

/** One person in their own browser context (own storage), joined with a name. */
export async function join(browser: Browser, appUrl: string, session: CreatedSession, role: Role, name: string): Promise<Participant> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(appUrl)) outside.push(request.url());
  });
  await page.goto(session.links[role]);
  await page.getByLabel('Your name, as others will see it').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('[data-status="connected"]').waitFor();
  return { context, page, outside };
}

export const minutes = (page: Page) => page.getByLabel('Minutes', { exact: true });
