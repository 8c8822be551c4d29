// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { MinutesEmailPreview } from '@roundtable/shared';
import { SendMinutesDialog } from './SendMinutesDialog';
import type { BoardPictureResult } from './useBoardPicture';

const reactTest = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
reactTest.IS_REACT_ACT_ENVIRONMENT = true;

/**
 * Waits for what the (mocked) server's answers render. Like testing-library's waitFor, React is
 * told this is not an act() scope meanwhile: the answers arrive on their own, as in a browser.
 */
async function until(assertion: () => void) {
  reactTest.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    await vi.waitFor(assertion);
  } finally {
    reactTest.IS_REACT_ACT_ENVIRONMENT = true;
  }
}

const preview = (overrides: Partial<MinutesEmailPreview> = {}): MinutesEmailPreview => ({
  from: 'Roundtable <roundtable@example.org>',
  to: ['list@example.org'],
  subject: 'Minutes: Design review',
  messageId: '<preview@example.org>',
  date: 'Thu, 12 Jun 2025 14:00:00 GMT',
  asOf: Date.UTC(2025, 5, 12, 14),
  text: 'Minutes of the session\n'.padEnd(72, '-'),
  attachments: [{ filename: 'whiteboard.png', contentType: 'image/png', size: 2048 }],
  smtpConfigured: true,
  ...overrides,
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

type Route = (url: URL, init: RequestInit) => Response | Promise<Response>;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

function render(route: Route, props: { mailingList?: string; prepare?: () => Promise<BoardPictureResult> } = {}) {
  const requests: { method: string; url: URL; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    requests.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    return route(url, init);
  });
  const onClose = vi.fn();
  document.body.innerHTML = '<div id="host"></div>';
  root = createRoot(document.getElementById('host')!);
  act(() =>
    root!.render(
      createElement(SendMinutesDialog, {
        sessionId: 's1',
        token: 'mod-token',
        mailingList: props.mailingList,
        prepare: props.prepare ?? (async () => 'uploaded'),
        onClose,
      }),
    ),
  );
  return { requests, onClose };
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"], dialog')!;
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name) ?? null;
const toInput = () => document.querySelector<HTMLInputElement>('input[type="email"]')!;

function type(input: HTMLInputElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('SendMinutesDialog', () => {
  it('stores the board picture first, then shows the exact email the server would send', async () => {
    let pictureStored!: (result: BoardPictureResult) => void;
    const { requests } = render((url) => (url.pathname.endsWith('/minutes/email') ? json(200, preview()) : json(404, {})), {
      mailingList: 'list@example.org',
      prepare: () => new Promise((resolve) => (pictureStored = resolve)),
    });
    expect(dialog().getAttribute('aria-label')).toBe('Send minutes');
    expect(requests).toEqual([]);
    await act(async () => pictureStored('uploaded'));
    await until(() => expect(byTestId('email-subject')?.textContent).toBe('Minutes: Design review'));
    expect(requests[0]!.url.pathname).toBe('/api/sessions/s1/minutes/email');
    expect(requests[0]!.url.searchParams.get('to')).toBe('list@example.org');
    expect(byTestId('email-from')?.textContent).toBe('Roundtable <roundtable@example.org>');
    expect(byTestId('email-to')?.textContent).toBe('Goes to list@example.org');
    expect(byTestId('email-attachments')?.textContent).toContain('whiteboard.png (2.0 KB)');
    expect(byTestId('email-body')?.tagName).toBe('PRE');
    expect(byTestId('email-body')?.textContent).toBe(preview().text);
    expect(toInput().value).toBe('list@example.org');
    expect(button('Send')?.disabled).toBe(false);
  });

  it('cannot send without a recipient, and asks again for an address once typing pauses', async () => {
    const { requests } = render((url) => {
      const to = url.searchParams.get('to');
      return json(200, preview({ to: to ? [to] : [] }));
    });
    await until(() => expect(byTestId('email-to')?.textContent).toContain('No mailing list'));
    expect(button('Send')?.disabled).toBe(true);
    type(toInput(), 'ann@example.org');
    expect(button('Send')?.disabled).toBe(true); // the preview on screen is not yet this address's
    await until(() => expect(byTestId('email-to')?.textContent).toBe('Goes to ann@example.org'));
    expect(requests.map((r) => r.url.searchParams.get('to'))).toEqual([null, 'ann@example.org']);
    expect(button('Send')?.disabled).toBe(false);
  });

  it('shows the server’s word on a malformed address and does not send', async () => {
    render((url) => (url.searchParams.get('to') === 'nope' ? json(400, { error: 'to: Invalid email address' }) : json(200, preview())));
    await until(() => expect(button('Send')?.disabled).toBe(false));
    type(toInput(), 'nope');
    await until(() => expect(byTestId('preview-error')?.textContent).toBe('to: Invalid email address'));
    expect(button('Send')?.disabled).toBe(true);
  });

  it('keeps the dialog open with the server’s reason when sending fails, and reports a posting', async () => {
    let sendAnswer = json(502, { error: 'the SMTP server at mail.example.org:25 could not be reached' });
    const { requests, onClose } = render((url) => (url.pathname.endsWith('/send') ? sendAnswer : json(200, preview())), {
      mailingList: 'list@example.org',
    });
    await until(() => expect(button('Send')?.disabled).toBe(false));
    act(() => button('Send')!.click());
    await until(() => expect(byTestId('send-error')?.textContent).toBe('Not sent: the SMTP server at mail.example.org:25 could not be reached'));
    expect(onClose).not.toHaveBeenCalled();
    expect(button('Send')?.disabled).toBe(false);

    sendAnswer = json(200, { messageId: '<sent@example.org>', accepted: ['list@example.org'], rejected: [] });
    act(() => button('Send')!.click());
    await until(() => expect(byTestId('send-result')?.textContent).toBe('Sent to list@example.org (Message-ID <sent@example.org>)'));
    expect(byTestId('send-error')).toBeNull();
    const posts = requests.filter((r) => r.method === 'POST');
    const reviewed = { to: 'list@example.org', messageId: preview().messageId, asOf: preview().asOf };
    expect(posts.map((r) => [r.url.pathname, r.body])).toEqual([
      ['/api/sessions/s1/minutes/send', reviewed],
      ['/api/sessions/s1/minutes/send', reviewed],
    ]);
    expect(button('Send')?.disabled).toBe(true); // not twice to the same address by accident
  });

  it('asks for the preview again when the minutes changed since it (409), and sends the new one', async () => {
    let current = preview();
    let sendAnswer = json(409, { error: 'the minutes changed since this preview (the text, the board or the time split): review them again' });
    const { requests } = render((url) => (url.pathname.endsWith('/send') ? sendAnswer : json(200, current)), { mailingList: 'list@example.org' });
    await until(() => expect(button('Send')?.disabled).toBe(false));
    current = preview({ messageId: '<newer@example.org>', text: 'Newer minutes' });
    act(() => button('Send')!.click());
    await until(() => expect(byTestId('send-error')?.textContent).toContain('changed since this preview'));
    await until(() => expect(byTestId('email-body')?.textContent).toBe('Newer minutes'));
    sendAnswer = json(200, { messageId: '<newer@example.org>', accepted: ['list@example.org'], rejected: [], recorded: true });
    await until(() => expect(button('Send')?.disabled).toBe(false));
    act(() => button('Send')!.click());
    await until(() => expect(byTestId('send-result')?.textContent).toContain('<newer@example.org>'));
    const posts = requests.filter((r) => r.method === 'POST').map((r) => (r.body as { messageId: string }).messageId);
    expect(posts).toEqual(['<preview@example.org>', '<newer@example.org>']);
  });

  it('offers the .eml instead of Send when the server has no SMTP server', async () => {
    render(() => json(200, preview({ smtpConfigured: false })), { mailingList: 'list@example.org' });
    await until(() => expect(byTestId('no-smtp')?.textContent).toContain('This server has no SMTP server configured'));
    expect(button('Send')).toBeNull();
    const link = document.querySelector<HTMLAnchorElement>('a[aria-label="Download email (.eml)"]')!;
    expect(link.getAttribute('href')).toBe('/api/sessions/s1/minutes.eml?token=mod-token&to=list%40example.org&download');
  });

  it('closes with its Close button', async () => {
    const { onClose } = render(() => json(200, preview()));
    await until(() => expect(byTestId('email-subject')?.textContent).toBe('Minutes: Design review'));
    act(() => button('Close')!.click());
    expect(onClose).toHaveBeenCalled();
  });
});
