// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { MinutesStatus, NominateAck } from '@roundtable/shared';
import type { Person } from '../people/usePresence';
import { MinuteTaker } from './MinuteTaker';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const status = (minuteTaker: string | null): MinutesStatus => ({ sessionId: 's1', minuteTaker, sent: [] });
const people: Person[] = [
  { clientId: 1, name: 'Ann', colour: '#000', role: 'moderator', isMe: true },
  { clientId: 2, name: 'Bob', colour: '#000', role: 'attendee', isMe: false },
  { clientId: 3, name: 'Fay', colour: '#000', role: 'follower', isMe: false },
];

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

function render(props: { status: MinutesStatus | null; moderator: boolean; answer?: NominateAck }) {
  const nominate = vi.fn(async (_: string | null): Promise<NominateAck> => props.answer ?? { ok: true, status: status(null) });
  document.body.innerHTML = '<div id="host"></div>';
  root = createRoot(document.getElementById('host')!);
  act(() => root!.render(createElement(MinuteTaker, { status: props.status, people, moderator: props.moderator, nominate })));
  return nominate;
}

const select = () => document.querySelector<HTMLSelectElement>('select[aria-label="Minute-taker"]');
const shown = () => document.querySelector('[data-testid="minute-taker-line"]')?.textContent;

async function choose(value: string) {
  await act(async () => {
    select()!.value = value;
    select()!.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('MinuteTaker', () => {
  it('tells everyone who takes the minutes; only the moderator gets the select', () => {
    render({ status: status('Bob'), moderator: false });
    expect(shown()).toBe('Minutes taken by Bob');
    expect(document.querySelector('[data-testid="minute-taker"]')?.textContent).toBe('Bob');
    expect(select()).toBeNull();
    act(() => root!.unmount());
    render({ status: status(null), moderator: false });
    expect(shown()).toBe('Minute-taker: not nominated');
  });

  it('offers nobody and the people here with a seat', () => {
    render({ status: status(null), moderator: true });
    expect([...select()!.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Nobody'],
      ['Ann', 'Ann (you)'],
      ['Bob', 'Bob'],
    ]);
    expect(select()!.value).toBe('');
  });

  it('nominates the choice, or nobody', async () => {
    const nominate = render({ status: status('Bob'), moderator: true });
    expect(select()!.value).toBe('Bob');
    await choose('Ann');
    await choose('');
    expect(nominate.mock.calls).toEqual([['Ann'], [null]]);
  });

  it('shows the server’s refusal', async () => {
    render({ status: status(null), moderator: true, answer: { ok: false, error: 'not-present', message: 'Bob has not joined this session' } });
    await choose('Bob');
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Not changed: Bob has not joined this session');
    expect(select()!.value).toBe(''); // back to what the server holds
  });

  it('waits for the server before offering a choice', () => {
    render({ status: null, moderator: true });
    expect(select()!.disabled).toBe(true);
    expect(document.querySelector('[data-testid="minute-taker"]')).toBeNull();
  });
});
