// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { button, byTestId, cleanup, click, control, json, render, type, until } from './pageTesting';
import { ProposalPage } from './ProposalPage';

const EVENT = {
  id: 'ev1',
  name: 'Xen Summit 2026',
  timezone: 'Europe/Lisbon',
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T18:00:00.000Z',
  suggestedTopics: ['scheduling'],
  rooms: [{ id: 'room-1', name: 'Room A', capacity: 30, projector: true }],
  createdAt: '2026-01-01T00:00:00.000Z',
};

const PROPOSAL = {
  id: 'p1',
  eventId: 'ev1',
  status: 'submitted',
  title: 'vGPU migration',
  problem: 'State is lost.',
  contribute: 'Bring logs.',
  preparation: [{ url: 'https://example.org/doc', label: 'Design' }],
  proposer: { name: 'Ada', email: 'ada@example.org' },
  durationMinutes: 80,
  topics: ['scheduling'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

afterEach(cleanup);

describe('the proposer’s page', () => {
  it('edits the proposal through the private link', async () => {
    const requests = render(ProposalPage, { eventId: 'ev1', proposalId: 'p1', token: 'edit-token' }, ({ method, url, body }) => {
      if (url.pathname === '/api/events/ev1') return json(200, EVENT);
      if (method === 'PATCH') return json(200, { ...PROPOSAL, ...(body as object), updatedAt: '2026-01-02T00:00:00.000Z' });
      return json(200, PROPOSAL);
    });
    await until(() => expect(button('Save changes')).not.toBeNull());
    expect(byTestId('proposal-status')?.textContent).toBe('submitted');
    expect(control('Title').value).toBe('vGPU migration');
    expect(control<HTMLSelectElement>('Preferred length').value).toBe('80');
    expect(control('Link 1 label').value).toBe('Design');
    expect(control('scheduling').checked).toBe(true);
    type(control('Title'), 'vGPU live migration');
    click(button('Save changes'));
    await until(() => expect(document.querySelector('[role="status"]')?.textContent).toMatch(/^Saved/));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.url.pathname).toBe('/api/events/ev1/proposals/p1');
    expect(patch.headers['authorization']).toBe('Bearer edit-token');
    expect(patch.body).toMatchObject({ title: 'vGPU live migration', durationMinutes: 80 });
    expect(document.querySelector('h1')?.textContent).toBe('vGPU live migration');
  });

  it('once scheduled, says where and when, and offers no form', async () => {
    render(ProposalPage, { eventId: 'ev1', proposalId: 'p1', token: 'edit-token' }, ({ url }) => {
      if (url.pathname === '/api/events/ev1') return json(200, EVENT);
      if (url.pathname === '/api/events/ev1/schedule') {
        const session = { id: 's1', title: 'vGPU migration', roomId: 'room-1', startsAt: '2026-12-01T10:00:00.000Z', endsAt: '2026-12-01T11:20:00.000Z', moderatorName: 'Ada', links: { follower: 'f' } };
        return json(200, { event: EVENT, rooms: EVENT.rooms, sessions: [session] });
      }
      return json(200, { ...PROPOSAL, status: 'scheduled', sessionId: 's1' });
    });
    await until(() => expect(byTestId('scheduled-slot')?.textContent).toBe('Room A 📽projector, Tue 1 Dec 2026, 10:00–11:20 (Europe/Lisbon)'));
    expect(byTestId('proposal-status')?.textContent).toBe('scheduled');
    expect(button('Save changes')).toBeNull();
    expect(document.body.textContent).toContain('State is lost.');
  });
});
