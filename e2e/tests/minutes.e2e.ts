import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { readDocument } from '../support/documentReader.js';
import { createSession, minutes, minutesText } from '../support/workspace.js';

const room = useTestRoom();

describe('collaborative minutes', () => {
  it('starts from the template, and two attendees see each other typing; a follower sees both and cannot edit', async () => {
    const session = await createSession(room.url, {
      title: 'Scheduler fairness',
      durationMinutes: 45,
      problem: 'Credit2 starves long-running vCPUs',
      preparation: [{ url: 'https://example.org/credit2', label: 'Credit2 notes' }],
    });
    const ada = await room.person(session, 'attendee', 'Ada');
    const bob = await room.person(session, 'attendee', 'Bob');
    const eve = await room.person(session, 'follower', 'Eve');

    for (const p of [ada, bob, eve]) {
      await expect.poll(() => minutesText(p.page)).toContain('Credit2 starves long-running vCPUs');
      await expect.poll(() => minutesText(p.page)).toContain('Action items');
    }

    await minutes(ada.page).click();
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.type('Ada proposes a fairness knob');
    await minutes(bob.page).click();
    await bob.page.keyboard.press('Control+Home');
    await bob.page.keyboard.type('Draft: ');

    for (const p of [ada, bob, eve]) {
      await expect.poll(() => minutesText(p.page), { timeout: 10_000 }).toContain('Ada proposes a fairness knob');
      await expect.poll(() => minutesText(p.page), { timeout: 10_000 }).toContain('Draft: Scheduler fairness');
    }

    // The follower's editor is read-only, and typing changes nothing anywhere.
    expect(await minutes(eve.page).getAttribute('contenteditable')).toBe('false');
    await minutes(eve.page).click();
    await eve.page.keyboard.type('vandalism');
    await ada.page.keyboard.type('!');
    await expect.poll(() => minutesText(eve.page)).toContain('fairness knob!');
    expect(await minutesText(ada.page)).not.toContain('vandalism');

    // Each person's cursor carries their name, in the minutes too.
    await expect.poll(() => eve.page.locator('.minutes-body .collaboration-cursor__label').allTextContents()).toEqual(
      expect.arrayContaining(['Ada', 'Bob']),
    );

    // Everyone appears in the presence list with their role.
    const presence = eve.page.getByRole('region', { name: 'Who is here' });
    await expect.poll(() => presence.textContent()).toMatch(/Ada.*attendee/);
    await expect.poll(() => presence.textContent()).toMatch(/Bob.*attendee/);
    await expect.poll(() => presence.textContent()).toMatch(/Eve \(you\).*follower/);

    // A reload keeps everything.
    await bob.page.reload();
    await bob.page.locator('[data-status="connected"]').waitFor();
    await expect.poll(() => minutesText(bob.page)).toContain('Ada proposes a fairness knob!');

    // Everyone with a seat is kept in the document for the minutes' attendee list; followers are not.
    const attendees = await readDocument(room.url, session.id, session.tokens.follower, (doc) => doc.getMap('attendees').toJSON());
    expect(Object.keys(attendees).sort()).toEqual(['Ada', 'Bob']);
    expect(attendees.Ada).toMatchObject({ role: 'attendee' });

    for (const p of [ada, bob, eve]) expect(p.outside).toEqual([]);
  });
});
