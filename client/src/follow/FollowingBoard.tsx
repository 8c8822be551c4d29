import { useCallback, useMemo, useRef, useState, type ComponentProps } from 'react';
import type { Editor } from 'tldraw';
import Board from '../board/Board';
import type { SessionDocument } from '../sync/useSessionDocument';
import { BoardFollowing, type FollowView } from './BoardFollowing';
import { FollowBar, type FollowActions } from './FollowBar';
import { reportViewport } from './viewportReport';

type FollowingBoardProps = Omit<ComponentProps<typeof Board>, 'bar' | 'sharePresence' | 'display'> & {
  role: 'moderator' | 'attendee' | 'follower';
};

/**
 * The workspace's board: the board with following the moderator. Followers follow by default and
 * share no cursor of their own; people in the room may follow too. Loaded with the board's chunk.
 */
export default function FollowingBoard({ role, onEditor, ...board }: FollowingBoardProps) {
  const [view, setView] = useState<FollowView | null>(null);
  const following = useRef<BoardFollowing | null>(null);

  const mount = useCallback(
    (editor: Editor, session: SessionDocument) => {
      const outer = onEditor?.(editor, session);
      const current = new BoardFollowing(editor, session.provider.awareness, { followByDefault: role === 'follower', onChange: setView });
      following.current = current;
      const stopReporting = reportViewport(editor, () => editor.getContainer());
      return () => {
        stopReporting();
        current.destroy();
        if (following.current === current) following.current = null;
        setView(null);
        outer?.();
      };
    },
    [onEditor, role],
  );

  const actions = useMemo<FollowActions>(
    () => ({
      follow: () => following.current?.follow(),
      stopFollowing: () => following.current?.stopFollowing(),
      bringEveryone: () => following.current?.bringEveryone(),
    }),
    [],
  );

  return (
    <Board
      {...board}
      sharePresence={role !== 'follower'}
      onEditor={mount}
      bar={<FollowBar view={view} moderator={role === 'moderator'} actions={actions} />}
    />
  );
}
