import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { leavesOrigin } from '../support/workspace.js';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('creating a session and opening its links', () => {
  it('creates a session from the home page and opens it with each role', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (leavesOrigin(request.url(), app.url)) outside.push(request.url());
    });
    await page.goto(app.url);
    await page.getByLabel('Session title').fill('Grant table v3');
    await page.getByLabel('Duration (minutes)').fill('40');
    await page.getByRole('button', { name: 'Create session' }).click();
    const links = page.getByRole('region', { name: 'Session links' });
    await links.getByRole('link', { name: 'follower link' }).waitFor();

    for (const role of ['moderator', 'attendee', 'follower']) {
      const href = await links.getByRole('link', { name: `${role} link` }).getAttribute('href');
      expect(href).toMatch(new RegExp(`^${app.url}/s/[^/?]+\\?token=`));
      const context = await browser.newContext();
      const sessionPage = await context.newPage();
      sessionPage.on('request', (request) => {
        if (leavesOrigin(request.url(), app.url)) outside.push(request.url());
      });
      await sessionPage.goto(href!);
      await sessionPage.getByLabel('Your name, as others will see it').fill(`Tester ${role}`);
      await sessionPage.getByRole('button', { name: 'Join' }).click();
      await expect.poll(() => sessionPage.getByRole('banner').getByRole('heading', { level: 1 }).textContent()).toBe('Grant table v3');
      expect(await sessionPage.getByTestId('role').textContent()).toBe(role);
      await context.close();
    }
    expect(outside).toEqual([]);
  });

  it('explains a bad link instead of showing a blank page', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/s/nope?token=forged`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/unknown session/);
  });
});
