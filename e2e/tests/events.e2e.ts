import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';

const room = useTestRoom();

interface CreatedEvent {
  id: string;
  organizerToken: string;
  links: { schedule: string; submit: string; organize: string };
}

async function createEvent(baseUrl: string): Promise<CreatedEvent> {
  const res = await fetch(`${baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'E2E Summit',
      timezone: 'Europe/Berlin',
      startsAt: '2030-06-03T08:00:00+02:00',
      endsAt: '2030-06-03T18:00:00+02:00',
      mailingList: 'summit@example.org',
      suggestedTopics: ['scheduling', 'security'],
      rooms: [
        { name: 'Room A', capacity: 30, projector: true },
        { name: 'Room B', capacity: 12, projector: false },
      ],
    }),
  });
  if (res.status !== 201) throw new Error(`POST /api/events answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CreatedEvent;
}

describe('events', () => {
  it('takes a proposal from the public form, schedules it, and its moderator finds the briefing in the workspace', async () => {
    const event = await createEvent(room.url);

    // A proposer fills in the public form; the server's per-field errors show beside the fields.
    const proposer = await room.open(event.links.submit);
    const form = proposer.page;
    await form.getByLabel('Title').fill('Faster live migration');
    await form.getByLabel('The problem').fill('Live migration stalls guests with large dirty rates.');
    await form.getByLabel('How attendees can contribute').fill('Bring traces of slow migrations.');
    await form.getByLabel('Link 1 URL').fill('ftp://not-a-web-link');
    await form.getByLabel('Your name').fill('Ada Proposer');
    await form.getByLabel('Email').fill('ada@example.org');
    await form.getByRole('checkbox', { name: 'scheduling' }).check();
    await form.getByRole('button', { name: 'Submit proposal' }).click();
    await expect.poll(() => form.getByTestId('error-preparation.0.url').textContent(), { timeout: 10_000 }).toMatch(/http/);
    await form.getByLabel('Link 1 URL').fill('https://example.org/migration-notes');
    await form.getByLabel('Link 1 label').fill('Migration notes');
    await form.getByRole('button', { name: 'Submit proposal' }).click();
    const editLink = form.getByTestId('edit-link');
    await editLink.waitFor({ timeout: 10_000 });
    expect(await editLink.getAttribute('href')).toContain('/proposals/');

    // The organizer accepts it and places it in Room A at 10:00 Berlin time.
    const organizer = await room.open(event.links.organize);
    const card = organizer.page.getByRole('region', { name: 'Faster live migration' });
    await card.waitFor({ timeout: 10_000 });
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByLabel('Room').selectOption('room-1'); // Room A
    await card.getByLabel('Start').fill('2030-06-03T10:00');
    await card.getByRole('button', { name: 'Schedule' }).click();
    const moderatorLink = organizer.page.getByRole('link', { name: 'Moderator link for Faster live migration' });
    await moderatorLink.waitFor({ timeout: 10_000 });
    const href = await moderatorLink.getAttribute('href');
    expect(href).toContain('/s/');
    // Still there after a reload: the organizer can hand it over later.
    await organizer.page.reload();
    await expect.poll(() => organizer.page.getByRole('link', { name: 'Moderator link for Faster live migration' }).getAttribute('href'), { timeout: 10_000 }).toBe(href);

    // The public schedule lists it in Room A with its follower link only.
    const schedule = await room.open(event.links.schedule);
    const entry = schedule.page.getByRole('link', { name: 'Faster live migration', exact: true });
    await entry.waitFor({ timeout: 10_000 });
    const followerHref = (await entry.getAttribute('href')) ?? '';
    expect(followerHref).toContain('/s/');
    expect(followerHref).not.toBe(href);
    expect(await schedule.page.getByRole('region', { name: /Room A/ }).textContent()).toContain('Faster live migration');

    // On a phone the schedule fits the screen: no sideways scrolling, the session one tap away.
    const phone = await room.open(event.links.schedule, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const onPhone = phone.page.getByRole('link', { name: 'Faster live migration', exact: true });
    await onPhone.waitFor({ timeout: 10_000 });
    expect(await onPhone.isVisible()).toBe(true);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (process.env.E2E_SCREENSHOTS) await phone.page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/schedule-phone.png`, fullPage: true });

    // The moderator opens the link handed over and finds the proposal's problem and preparation in the briefing.
    const moderator = await room.open(href!);
    await moderator.page.getByLabel('Your name, as others will see it').fill('Ada Proposer');
    await moderator.page.getByRole('button', { name: 'Join' }).click();
    await moderator.page.locator('[data-status="connected"]').waitFor();
    expect(await moderator.page.getByTestId('role').textContent()).toBe('moderator');
    const briefing = moderator.page.locator('.briefing');
    await expect.poll(() => briefing.textContent()).toContain('Live migration stalls guests with large dirty rates.');
    expect(await briefing.getByRole('link', { name: 'Migration notes' }).getAttribute('href')).toBe('https://example.org/migration-notes');
    expect(await briefing.textContent()).toContain('Room A');

    for (const p of [proposer, organizer, schedule, phone, moderator]) {
      expect(p.errors).toEqual([]);
      expect(p.outside).toEqual([]);
    }
  });
});
