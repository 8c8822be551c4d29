// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { button, byTestId, cleanup, click, control, description, json, region, render, type, until, type SentRequest } from './pageTesting';
import { SubmitProposalPage } from './SubmitProposalPage';

const EVENT = {
  id: 'ev1',
  name: 'Xen Summit 2026',
  timezone: 'Europe/Lisbon',
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T18:00:00.000Z',
  suggestedTopics: ['scheduling', 'security'],
  rooms: [{ id: 'room-1', name: 'Room A', capacity: 30, projector: true }],
  createdAt: '2026-01-01T00:00:00.000Z',
};

afterEach(cleanup);

function fillProposal() {
  type(control('Title'), 'Live migration of vGPUs');
  type(control<HTMLTextAreaElement>('The problem'), 'vGPU state cannot be migrated today.');
  type(control<HTMLTextAreaElement>('How attendees can contribute'), 'Bring your failure logs.');
  type(control('Link 1 URL'), 'https://example.org/vgpu.pdf');
  type(control('Link 1 label'), 'Design notes');
  type(control('Your name'), 'Ada Lovelace');
  type(control('Email'), 'ada@example.org');
  click(control('security'));
}

describe('the proposal form', () => {
  it('checks required fields before sending, each beside its own field', async () => {
    const requests = render(SubmitProposalPage, { eventId: 'ev1' }, () => json(200, EVENT));
    await until(() => expect(button('Submit proposal')).not.toBeNull());
    click(button('Submit proposal'));
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    for (const name of ['Title', 'The problem', 'Your name', 'Email', 'Link 1 URL']) {
      expect(control(name).getAttribute('aria-invalid'), name).toBe('true');
      expect(description(control(name)), name).toContain('required');
    }
    expect(control('Link 1 label').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(control('Title'));
  });

  it('puts the server’s 400 details beside the fields they name, rows included', async () => {
    const posted: SentRequest[] = [];
    render(SubmitProposalPage, { eventId: 'ev1' }, (request) => {
      if (request.method === 'GET') return json(200, EVENT);
      posted.push(request);
      return json(400, {
        error: 'invalid request body',
        details: [
          { path: 'proposer.email', message: 'this address bounces' },
          { path: 'preparation.1.url', message: 'this host is not allowed' },
          { path: '', message: 'Unrecognized key: "status"' },
        ],
      });
    });
    await until(() => expect(button('Submit proposal')).not.toBeNull());
    fillProposal();
    click(button('Add a link'));
    type(control('Link 2 URL'), 'https://blocked.example/x');
    click(button('Submit proposal'));
    await until(() => expect(byTestId('error-proposer.email')?.textContent).toBe('this address bounces'));
    expect(description(control('Email'))).toContain('this address bounces');
    expect(control('Link 2 URL').getAttribute('aria-invalid')).toBe('true');
    expect(byTestId('error-preparation.1.url')?.textContent).toBe('this host is not allowed');
    expect(control('Link 1 URL').getAttribute('aria-invalid')).toBeNull();
    expect(byTestId('form-problems')?.textContent).toContain('Unrecognized key: "status"');
    expect(posted[0]!.body).toEqual({
      title: 'Live migration of vGPUs',
      problem: 'vGPU state cannot be migrated today.',
      contribute: 'Bring your failure logs.',
      preparation: [{ url: 'https://example.org/vgpu.pdf', label: 'Design notes' }, { url: 'https://blocked.example/x' }],
      proposer: { name: 'Ada Lovelace', email: 'ada@example.org' },
      durationMinutes: 50,
      topics: ['security'],
    });
  });

  it('takes another length and shows the private link once submitted', async () => {
    const editLink = 'https://rt.example/e/ev1/proposals/p1?token=secret';
    const requests = render(SubmitProposalPage, { eventId: 'ev1' }, (request) =>
      request.method === 'GET' ? json(200, EVENT) : json(201, { id: 'p1', status: 'submitted', editToken: 'secret', links: { edit: editLink } }),
    );
    await until(() => expect(button('Submit proposal')).not.toBeNull());
    fillProposal();
    type(control<HTMLSelectElement>('Preferred length'), 'other');
    type(control('Length in minutes'), '35');
    click(button('Submit proposal'));
    await until(() => expect(region('Your private link')).not.toBeNull());
    expect(byTestId('edit-link')?.getAttribute('href')).toBe(editLink);
    expect(region('Your private link')?.textContent).toContain('Keep this link: it lets you edit your proposal until it is scheduled.');
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({ durationMinutes: 35 });
    expect(requests.find((r) => r.method === 'POST')?.url.pathname).toBe('/api/events/ev1/proposals');
  });
});
