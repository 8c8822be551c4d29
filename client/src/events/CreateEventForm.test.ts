// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { CreateEventForm } from './CreateEventForm';
import { button, byTestId, cleanup, click, control, json, region, render, type, until } from './pageTesting';

afterEach(cleanup);

const LINKS = {
  schedule: 'https://rt.example/e/ev1',
  submit: 'https://rt.example/e/ev1/submit',
  organize: 'https://rt.example/e/ev1/organize?token=org',
};

function fillEvent() {
  type(control('Event name'), 'KVM Forum');
  type(control('Time zone'), 'Europe/Berlin');
  type(control('Starts'), '2026-10-24T09:00');
  type(control('Ends'), '2026-10-25T18:00');
  type(control('Suggested topics (optional)'), 'migration, storage');
  type(control('Room 1 name'), 'Hall A');
  click(control('Room 1 has a projector'));
  click(button('Add a room'));
  type(control('Room 2 name'), 'Room B');
  type(control('Room 2 capacity'), '12');
}

describe('creating an event', () => {
  it('asks for the organizer key when the server wants one, then shows the three links', async () => {
    const requests = render(CreateEventForm, {}, ({ headers }) =>
      headers['authorization'] === 'Bearer the-key'
        ? json(201, { id: 'ev1', name: 'KVM Forum', organizerToken: 'org', links: LINKS })
        : json(401, { error: 'creating an event needs the organizer key' }),
    );
    expect(() => control('Organizer key')).toThrow();
    fillEvent();
    click(button('Create event'));
    await until(() => expect(byTestId('error-organizer-key')?.textContent).toBe('This server needs its organizer key to create events.'));
    expect(requests[0]!.body).toEqual({
      name: 'KVM Forum',
      timezone: 'Europe/Berlin',
      startsAt: '2026-10-24T09:00:00+02:00',
      endsAt: '2026-10-25T18:00:00+01:00',
      suggestedTopics: ['migration', 'storage'],
      rooms: [
        { name: 'Hall A', capacity: 30, projector: true },
        { name: 'Room B', capacity: 12, projector: false },
      ],
    });
    await until(() => expect(document.activeElement).toBe(control('Organizer key')));

    type(control('Organizer key'), 'the-key');
    click(button('Create event'));
    await until(() => expect(region('Event links')).not.toBeNull());
    const hrefs = ['event-schedule-link', 'event-submit-link', 'event-organize-link'].map((id) => byTestId(id)?.getAttribute('href'));
    expect(hrefs).toEqual([LINKS.schedule, LINKS.submit, LINKS.organize]);
  });

  it('removes room rows and names a broken one beside its field', async () => {
    const requests = render(CreateEventForm, {}, () => json(500, {}));
    fillEvent();
    click(button('Add a room'));
    click(button('Remove room 2'));
    expect(control('Room 2 name').value).toBe('');
    type(control('Room 2 capacity'), '0');
    click(button('Create event'));
    expect(requests).toEqual([]);
    expect(byTestId('error-rooms.1.name')?.textContent).toBe('required');
    expect(byTestId('error-rooms.1.capacity')?.textContent).toBe('at least 1');
    expect(byTestId('error-rooms.0.name')).toBeNull();
  });
});
