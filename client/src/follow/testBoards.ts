// Headless tldraw boards bound to awareness, for the follow tests (jsdom).
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { Editor, InstancePresenceRecordType, createTLStore, defaultBindingUtils, defaultShapeUtils, type TLPageId } from 'tldraw';
import { bindBoard } from '../board/yjsBoardBinding';

// jsdom has no matchMedia; tldraw's editor asks it for the dark-mode preference.
window.matchMedia ??= ((media: string) => ({
  matches: false, media, onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia;

/** Everything the tests made; call `cleanAll` after each test. */
const cleanups: (() => void)[] = [];
export const cleanAll = () => cleanups.splice(0).reverse().forEach((cleanup) => cleanup());
/** Runs `cleanup` at `cleanAll`, before what was made earlier. */
export const onCleanup = (cleanup: () => void) => void cleanups.push(cleanup);

/** A read-only board that shares no presence (a projector, a follower), in a headless editor. */
export function watchingBoard(role: string) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('role', role);
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  const unbind = bindBoard({
    store, doc, awareness, user: { id: String(doc.clientID), name: role, color: '#000' },
    readOnly: true, sharePresence: false, serverSynced: true, onProblem: () => {},
  });
  const container = document.createElement('div');
  document.body.append(container);
  const editor = new Editor({ store, shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils, tools: [], getContainer: () => container });
  cleanups.push(() => awareness.destroy(), unbind, () => editor.dispose(), () => container.remove());
  return { editor, awareness };
}

/** Someone else in the session, with a role and a board presence in awareness. */
export function peer(role: string, camera = { x: -500, y: -300, z: 2 }) {
  const awareness = new Awareness(new Y.Doc());
  cleanups.push(() => awareness.destroy());
  awareness.setLocalStateField('role', role);
  awareness.setLocalStateField('user', { name: `${role} ${awareness.clientID}` });
  awareness.setLocalStateField(
    'presence',
    InstancePresenceRecordType.create({
      id: InstancePresenceRecordType.createId(String(awareness.clientID)),
      userId: String(awareness.clientID),
      userName: role,
      currentPageId: 'page:page' as TLPageId,
      camera,
      screenBounds: { x: 0, y: 0, w: 1200, h: 800 },
      lastActivityTimestamp: Date.now(),
    }),
  );
  return awareness;
}

/** Delivers `from`'s state to `to`, as the server would. */
export const relay = (from: Awareness, to: Awareness) => applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
