// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { Editor, InstancePresenceRecordType, createTLStore, defaultBindingUtils, defaultShapeUtils, type TLPageId } from 'tldraw';
import { bindBoard } from '../board/yjsBoardBinding';
import { followModerator } from './followModerator';

// jsdom has no matchMedia; tldraw's editor asks it for the dark-mode preference.
window.matchMedia ??= ((media: string) => ({
  matches: false, media, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** The projector: a read-only board that shares no presence, in a headless tldraw editor. */
function projector() {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  const unbind = bindBoard({
    store, doc, awareness, user: { id: String(doc.clientID), name: 'Projector', color: '#000' },
    readOnly: true, sharePresence: false, serverSynced: true, onProblem: () => {},
  });
  const container = document.createElement('div');
  document.body.append(container);
  const editor = new Editor({ store, shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils, tools: [], getContainer: () => container });
  const following: boolean[] = [];
  const stop = followModerator(editor, awareness, (f) => following.push(f));
  cleanups.push(stop, () => editor.dispose(), unbind, () => awareness.destroy(), () => container.remove());
  return { editor, awareness, following };
}

/** Someone else in the session, with a role and a board presence in awareness. */
function peer(role: string) {
  const awareness = new Awareness(new Y.Doc());
  cleanups.push(() => awareness.destroy());
  awareness.setLocalStateField('role', role);
  awareness.setLocalStateField(
    'presence',
    InstancePresenceRecordType.create({
      id: InstancePresenceRecordType.createId(String(awareness.clientID)),
      userId: String(awareness.clientID),
      userName: role,
      currentPageId: 'page:page' as TLPageId,
      camera: { x: -500, y: -300, z: 2 },
      screenBounds: { x: 0, y: 0, w: 1200, h: 800 },
      lastActivityTimestamp: Date.now(),
    }),
  );
  return awareness;
}

const relay = (from: Awareness, to: Awareness) => applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');

describe('followModerator', () => {
  it('follows the moderator, not an attendee, and again when the moderator comes back', () => {
    const { editor, awareness, following } = projector();
    expect(editor.getInstanceState().followingUserId).toBeNull();

    relay(peer('attendee'), awareness);
    expect(editor.getInstanceState().followingUserId).toBeNull();

    const moderator = peer('moderator');
    relay(moderator, awareness);
    expect(editor.getInstanceState().followingUserId).toBe(String(moderator.clientID));
    expect(following.at(-1)).toBe(true);

    removeAwarenessStates(awareness, [moderator.clientID], 'remote');
    expect(editor.getInstanceState().followingUserId).toBeNull();
    expect(following.at(-1)).toBe(false);

    const back = peer('moderator');
    relay(back, awareness);
    expect(editor.getInstanceState().followingUserId).toBe(String(back.clientID));
  });

  it('sends no presence of its own', async () => {
    const { awareness } = projector();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(awareness.getLocalState()?.presence ?? null).toBeNull();
  });
});
