import { describe, expect, it } from 'vitest';
import { useTestRoom } from '../support/room.js';
import { boardShapes, createSession, drawRectangle, dropImage } from '../support/workspace.js';

const room = useTestRoom();

describe('whiteboard', () => {
  it('shows what one attendee draws to the other and to a follower, who cannot draw; a reload keeps it', async () => {
    const session = await createSession(room.url, { title: 'Board test', durationMinutes: 30 });
    const ada = await room.person(session, 'attendee', 'Ada');
    const bob = await room.person(session, 'attendee', 'Bob');
    const eve = await room.person(session, 'follower', 'Eve');

    await drawRectangle(ada.page, { x: 100, y: 100 });
    await expect.poll(() => boardShapes(ada.page).count()).toBe(1);
    await expect.poll(() => boardShapes(bob.page).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => boardShapes(eve.page).count(), { timeout: 10_000 }).toBe(1);

    await drawRectangle(bob.page, { x: 300, y: 120 });
    await expect.poll(() => boardShapes(ada.page).count(), { timeout: 10_000 }).toBe(2);

    // The follower's board is read-only: drawing makes nothing, for anyone.
    await drawRectangle(eve.page, { x: 200, y: 300 });
    expect(await boardShapes(eve.page).count()).toBe(2); // a shape the follower made would show at once
    await drawRectangle(ada.page, { x: 450, y: 300 });
    await expect.poll(() => boardShapes(bob.page).count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => boardShapes(eve.page).count()).toBe(3);

    await bob.page.reload();
    await bob.page.locator('[data-status="connected"]').waitFor();
    await expect.poll(() => boardShapes(bob.page).count(), { timeout: 10_000 }).toBe(3);

    for (const p of [ada, bob, eve]) expect(p.outside).toEqual([]);
  });
});

// A 2x2 red PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

describe('images on the board', () => {
  it('uploads a dropped image to our server and shows it to the others from there, never as a data URL', async () => {
    const session = await createSession(room.url, { title: 'Images', durationMinutes: 30 });
    const ada = await room.person(session, 'attendee', 'Ada');
    const eve = await room.person(session, 'follower', 'Eve');
    await ada.page.locator('.board-canvas .tl-container').waitFor();
    await dropImage(ada.page, PNG, { x: 200, y: 200 });
    const image = eve.page.locator('.tl-shape img, .tl-shape [style*="background-image"]').first();
    await image.waitFor({ timeout: 15_000 });
    const src = (await image.getAttribute('src')) ?? '';
    expect(src).toMatch(new RegExp(`/api/sessions/${session.id}/assets/[^?]+\\?token=`));
    expect(src).not.toContain('data:');
    for (const p of [ada, eve]) expect(p.outside).toEqual([]);
  });
});
