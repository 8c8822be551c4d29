import { describe, expect, it } from 'vitest';
import { eventRoute, schedulePath, submitPath } from './eventRoutes';

describe('eventRoute', () => {
  it('finds each event page and its ids and token', () => {
    expect(eventRoute('/e/ev1', '')).toEqual({ page: 'schedule', eventId: 'ev1' });
    expect(eventRoute('/e/ev1/', '')).toEqual({ page: 'schedule', eventId: 'ev1' });
    expect(eventRoute('/e/ev1/submit', '')).toEqual({ page: 'submit', eventId: 'ev1' });
    expect(eventRoute('/e/ev1/proposals/p2', '?token=a%2Bb')).toEqual({
      page: 'proposal',
      eventId: 'ev1',
      proposalId: 'p2',
      token: 'a+b',
    });
    expect(eventRoute('/e/ev1/organize', '?token=org')).toEqual({ page: 'organize', eventId: 'ev1', token: 'org' });
    expect(eventRoute('/e/ev1/organize', '')).toEqual({ page: 'organize', eventId: 'ev1', token: '' });
  });

  it('decodes ids and refuses what is not an event page', () => {
    expect(eventRoute('/e/a%20b', '')).toEqual({ page: 'schedule', eventId: 'a b' });
    expect(eventRoute('/e/%E0%A4%A', '')).toBeNull();
    expect(eventRoute('/', '')).toBeNull();
    expect(eventRoute('/s/abc', '?token=x')).toBeNull();
    expect(eventRoute('/e/', '')).toBeNull();
    expect(eventRoute('/e/ev1/unknown', '')).toBeNull();
    expect(eventRoute('/e/ev1/proposals', '')).toBeNull();
  });

  it('builds the paths it reads back', () => {
    expect(eventRoute(schedulePath('x/y'), '')).toEqual({ page: 'schedule', eventId: 'x/y' });
    expect(eventRoute(submitPath('x y'), '')).toEqual({ page: 'submit', eventId: 'x y' });
  });
});
