import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { createSession } from '../support/workspace.js';
import { centreDistance, scrollBoard, settledViewport, viewportOf } from '../support/board.js';

const room = useTestRoom();

describe('following the moderator', () => {
  it('has a follower follow the moderator’s viewport, look around, follow again, and be brought back', async () => {
    const session = await createSession(room.url, { title: 'Follow test', durationMinutes: 30 });
    const mo = await room.person(session, 'moderator', 'Mo');
    const eve = await room.person(session, 'follower', 'Eve');
    const ada = await room.person(session, 'attendee', 'Ada');
    const apart = async (a: typeof mo, b: typeof mo) => centreDistance(await viewportOf(a.page), await viewportOf(b.page));

    // A follower follows the moderator from the start, and says whose view it shows.
    const bar = eve.page.getByTestId('follow-bar');
    await expect.poll(() => bar.getAttribute('data-following'), { timeout: 15_000 }).toBe('true');
    await eve.page.getByText('Following Mo’s view').waitFor();
    await expect.poll(() => apart(mo, eve), { timeout: 10_000 }).toBeLessThan(2);
    // The moderator sees who follows; Ada, in the room, does not follow unless she asks to.
    await mo.page.getByText('1 person follows your view').waitFor({ timeout: 10_000 });
    await ada.page.getByRole('button', { name: 'Follow Mo' }).waitFor();

    // The moderator scrolls, twice: the follower's view goes along every time.
    for (const [dx, dy] of [[0, 600], [500, -200]] as const) {
      const before = await settledViewport(mo.page);
      await scrollBoard(mo.page, dx, dy);
      await expect.poll(async () => centreDistance(await viewportOf(mo.page), before)).toBeGreaterThan(50);
      await expect.poll(() => apart(mo, eve), { timeout: 10_000 }).toBeLessThan(2);
    }

    // The follower looks around: following stops, with one click to follow again.
    await scrollBoard(eve.page, 0, 400);
    await expect.poll(() => bar.getAttribute('data-following')).toBe('false');
    const followAgain = eve.page.getByRole('button', { name: 'Follow Mo' });
    await followAgain.waitFor();
    await mo.page.getByText('0 people follow your view').waitFor({ timeout: 10_000 });
    const looking = await settledViewport(eve.page);
    await scrollBoard(mo.page, 0, 500);
    // Eve's view says something only once the moderator's move has had time to reach her board.
    await settledViewport(mo.page);
    expect(centreDistance(await settledViewport(eve.page), looking)).toBeLessThan(1); // stays where they looked
    expect(await apart(mo, eve)).toBeGreaterThan(50);
    await followAgain.click();
    await expect.poll(() => apart(mo, eve), { timeout: 10_000 }).toBeLessThan(2);
    expect(await bar.getAttribute('data-following')).toBe('true');

    // "Bring everyone to me": Ada's board jumps to the moderator's view once; a follower who
    // looked around follows again.
    await scrollBoard(eve.page, 300, 0);
    await expect.poll(() => bar.getAttribute('data-following')).toBe('false');
    expect(await apart(mo, ada)).toBeGreaterThan(50);
    await mo.page.getByTestId('bring-everyone').click();
    await expect.poll(() => apart(mo, ada), { timeout: 10_000 }).toBeLessThan(2);
    await expect.poll(() => bar.getAttribute('data-following'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => apart(mo, eve), { timeout: 10_000 }).toBeLessThan(2);
    // Ada was moved, not made to follow: the moderator's next move is not hers.
    await ada.page.getByRole('button', { name: 'Follow Mo' }).waitFor();

    for (const p of [mo, eve, ada]) {
      expect(p.outside).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
