import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreatedSession, Role } from '@roundtable/shared';
import { startApp, type RunningApp } from './app.js';
import { launchBrowser } from './browser.js';
import { join, openLink, openProjector, type Participant } from './workspace.js';

export interface TestRoom {
  readonly url: string;
  readonly app: RunningApp;
  /** A person joining `session` with `role` and `name`, in their own browser context (e.g. a phone's). */
  person(session: CreatedSession, role: Role, name: string, options?: Parameters<Browser['newContext']>[0]): Promise<Participant>;
  /** Someone opening `url` (a page of the app) in their own browser context. */
  open(url: string, options?: Parameters<Browser['newContext']>[0]): Promise<Participant>;
  /** The room's screen showing `session`'s projector view, opened with the link of `role`. */
  projector(session: CreatedSession, role?: Role): Promise<Participant>;
}

/**
 * The built app and a browser for one test file, both stopped after it, also on failure. `env`
 * is read when the app starts, after the file's earlier `beforeAll` hooks (e.g. a mail server's port).
 */
export function useTestRoom(env: () => Record<string, string> = () => ({})): TestRoom {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const people: Participant[] = [];
  beforeAll(async () => {
    app = await startApp(env());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of people) await p.context.close();
    await browser?.close();
    await app?.stop();
  });
  return {
    get url() {
      return app!.url;
    },
    get app() {
      return app!;
    },
    async person(session, role, name, options) {
      const p = await join(browser!, app!.url, session, role, name, options);
      people.push(p);
      return p;
    },
    async open(url, options) {
      const p = await openLink(browser!, app!.url, url, options);
      people.push(p);
      return p;
    },
    async projector(session, role = 'follower') {
      const p = await openProjector(browser!, app!.url, session, role);
      people.push(p);
      return p;
    },
  };
}
