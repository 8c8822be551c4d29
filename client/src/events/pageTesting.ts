import { act, createElement, type FunctionComponent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';

/** Helpers for the event pages' jsdom tests: render against a routed fake server, then read and type as a person would. */

const reactTest = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
reactTest.IS_REACT_ACT_ENVIRONMENT = true;

export interface SentRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export type Route = (request: SentRequest) => Response;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let root: Root | null = null;

/** An attribute value inside double quotes of a selector. */
const quoted = (value: string) => value.replace(/["\\]/g, '\\$&');

export function cleanup() {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
}

export function render<P extends object>(component: FunctionComponent<P>, props: P, route: Route): SentRequest[] {
  const requests: SentRequest[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const request: SentRequest = {
      method: init.method ?? 'GET',
      url: new URL(input, 'http://localhost'),
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    requests.push(request);
    return route(request);
  });
  document.body.innerHTML = '<div id="host"></div>';
  root = createRoot(document.getElementById('host')!);
  act(() => root!.render(createElement(component, props)));
  return requests;
}

/** Waits for what the fake server's answers render, outside act() as in a browser. */
export async function until(assertion: () => void) {
  reactTest.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    await vi.waitFor(assertion);
  } finally {
    reactTest.IS_REACT_ACT_ENVIRONMENT = true;
  }
}

/** The control a label names: by its aria-label, else by the text of its <label>. */
export function control<T extends HTMLElement = HTMLInputElement>(name: string, within: ParentNode = document): T {
  const labelled = within.querySelector<T>(`[aria-label="${quoted(name)}"]`);
  if (labelled) return labelled;
  const label = [...within.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
  const target = label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('input, select, textarea');
  if (!target) throw new Error(`no control named ${name}`);
  return target as T;
}

export const byTestId = (id: string, within: ParentNode = document) => within.querySelector<HTMLElement>(`[data-testid="${quoted(id)}"]`);

export const button = (name: string, within: ParentNode = document) =>
  [...within.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name) ?? null;

export const region = (name: string) => document.querySelector<HTMLElement>(`section[aria-label="${quoted(name)}"]`);

/** The text that describes a control (its hint and its error), as a screen reader reads it after the name. */
export function description(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

export function type(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const prototype = Object.getPrototypeOf(element) as object;
  act(() => {
    Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export function click(element: HTMLElement | null) {
  if (!element) throw new Error('nothing to click');
  act(() => element.click());
}
