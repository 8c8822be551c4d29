import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { createSession, minutesText } from '../support/workspace.js';

const room = useTestRoom();

describe('questions from afar', () => {
  it('takes a follower’s question to the moderator’s queue and, once inserted, into everyone’s minutes', async () => {
    const session = await createSession(room.url, { title: 'Questions test', durationMinutes: 30 });
    const mo = await room.person(session, 'moderator', 'Mo');
    const ada = await room.person(session, 'attendee', 'Ada');
    const eve = await room.person(session, 'follower', 'Eve');
    const queueOf = (p: typeof mo) => p.page.getByRole('region', { name: 'Questions from afar' });
    const question = 'Does the fairness knob apply to dom0 too?';

    // Eve asks; the moderator's queue shows it with her name. Nobody else's page has a queue.
    await eve.page.getByLabel('Your question or comment').fill(question);
    await eve.page.getByRole('button', { name: 'Send', exact: true }).click();
    await eve.page.getByText('Sent. The room will see it.').waitFor();
    const card = queueOf(mo).getByTestId('queued-question').filter({ hasText: 'dom0' });
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain('Eve');
    expect(await queueOf(mo).getByTestId('open-questions').textContent()).toBe('(1)');
    expect(await queueOf(ada).count()).toBe(0);
    expect(await queueOf(eve).count()).toBe(0);
    // Not in the minutes until someone puts it there.
    expect(await minutesText(ada.page)).not.toContain('dom0');

    await card.getByRole('button', { name: 'Insert into minutes' }).click();
    for (const p of [mo, ada, eve]) {
      await expect.poll(() => minutesText(p.page), { timeout: 10_000 }).toContain(`Question from Eve (remote): ${question}`);
    }
    // Eve learns what became of it; the moderator's queue is empty again.
    await expect.poll(() => eve.page.getByTestId('my-question').getAttribute('data-status'), { timeout: 10_000 }).toBe('inserted');
    expect(await queueOf(mo).getByTestId('open-questions').textContent()).toBe('(0)');

    // The minute-taker gets the queue too, and can dismiss a question.
    const taker = mo.page.getByLabel('Minute-taker');
    await expect.poll(() => taker.isEnabled(), { timeout: 10_000 }).toBe(true);
    await taker.selectOption({ label: 'Ada' });
    await queueOf(ada).waitFor({ timeout: 10_000 });
    await eve.page.getByLabel('Your question or comment').fill('Off topic: where is lunch?');
    await eve.page.getByRole('button', { name: 'Send', exact: true }).click();
    const lunch = queueOf(ada).getByTestId('queued-question').filter({ hasText: 'lunch' });
    await lunch.getByRole('button', { name: 'Dismiss' }).click();
    await expect
      .poll(() => eve.page.getByTestId('my-question').filter({ hasText: 'lunch' }).getAttribute('data-status'), { timeout: 10_000 })
      .toBe('dismissed');
    expect(await minutesText(mo.page)).not.toContain('lunch');

    // Both are in the session's record, with their fate; only the inserted one is in the minutes,
    // and only it is in the export a follower's (public) link gets.
    const exported = async (token: string) =>
      ((await (await fetch(`${room.url}/api/sessions/${session.id}/minutes.json?token=${token}`)).json()) as {
        questions: { name: string; text: string; status: string }[];
      }).questions.map((q) => [q.name, q.text, q.status]);
    expect(await exported(session.tokens.moderator)).toEqual([
      ['Eve', question, 'inserted'],
      ['Eve', 'Off topic: where is lunch?', 'dismissed'],
    ]);
    expect(await exported(session.tokens.follower)).toEqual([['Eve', question, 'inserted']]);

    for (const p of [mo, ada, eve]) {
      expect(p.outside).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
