// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ExportMenu } from './ExportMenu';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

/** Clicks like a user would, and reports whether the page took the click over (jsdom cannot navigate). */
function click(element: HTMLElement): { prevented: boolean } {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
  const seen = { prevented: false };
  document.addEventListener(
    'click',
    (e) => {
      seen.prevented = e.defaultPrevented;
      e.preventDefault();
    },
    { once: true },
  );
  act(() => element.dispatchEvent(event));
  return seen;
}

function render(beforeEmailDownload?: () => Promise<unknown>) {
  document.body.innerHTML = '<div id="host"></div>';
  root = createRoot(document.getElementById('host')!);
  act(() => root!.render(createElement(ExportMenu, { sessionId: 's1', token: 'tok', beforeEmailDownload })));
  const toggle = document.querySelector('button')!;
  act(() => toggle.click());
  return toggle;
}

const link = (name: string) => document.querySelector<HTMLAnchorElement>(`a[aria-label="${name}"]`)!;

describe('ExportMenu', () => {
  it('opens to one download link per format', () => {
    const toggle = render();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const links = [...document.querySelectorAll('a')].map((a) => [a.getAttribute('aria-label'), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Download Markdown', '/api/sessions/s1/minutes.md?token=tok&download'],
      ['Download plain text (email body)', '/api/sessions/s1/minutes.txt?token=tok&download'],
      ['Download email (.eml)', '/api/sessions/s1/minutes.eml?token=tok&download'],
      ['Download HTML', '/api/sessions/s1/minutes.html?token=tok&download'],
      ['Download JSON', '/api/sessions/s1/minutes.json?token=tok&download'],
    ]);
  });

  it('stores the board picture before the .eml downloads, then downloads it', async () => {
    let stored!: () => void;
    const before = vi.fn(() => new Promise<void>((resolve) => (stored = resolve)));
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.getAttribute('href')!);
    });
    render(before);
    expect(click(link('Download email (.eml)')).prevented).toBe(true);
    expect(before).toHaveBeenCalledTimes(1);
    expect(downloads).toEqual([]);
    await act(async () => stored());
    expect(downloads).toEqual(['/api/sessions/s1/minutes.eml?token=tok&download']);
    expect(document.querySelector('.export-list')).toBeNull(); // closed once under way
  });

  it('leaves the other formats, and a follower’s .eml, to the browser', () => {
    const before = vi.fn(async () => {});
    render(before);
    expect(click(link('Download Markdown')).prevented).toBe(false);
    expect(before).not.toHaveBeenCalled();
    act(() => root!.unmount());
    root = null;
    render(undefined);
    expect(click(link('Download email (.eml)')).prevented).toBe(false);
  });

  it('closes on Escape', () => {
    const toggle = render();
    act(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('a')).toBeNull();
  });
});
