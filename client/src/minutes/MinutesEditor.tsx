import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCursor from '@tiptap/extension-collaboration-cursor';
import TaskList from '@tiptap/extension-task-list';
import TaskItem from '@tiptap/extension-task-item';
import Link from '@tiptap/extension-link';
import type { ReactNode } from 'react';
import { DOCUMENT_LAYOUT } from '@roundtable/shared';
import type { SessionDocument } from '../sync/useSessionDocument';

interface MinutesEditorProps {
  session: SessionDocument;
  user: { name: string; color: string };
  editable: boolean;
  /** Shown between the header and the text: the minute-taker, exports, posting. */
  bar?: ReactNode;
}

/** The minutes: TipTap on the document's `minutes` fragment, with everyone's cursor and name. */
export function MinutesEditor({ session, user, editable, bar }: MinutesEditorProps) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({ history: false }), // Yjs keeps the history; two undo stacks would fight
        TaskList,
        TaskItem.configure({ nested: true }),
        Link.configure({ openOnClick: !editable, autolink: true }),
        Collaboration.configure({ fragment: session.doc.getXmlFragment(DOCUMENT_LAYOUT.minutes) }),
        CollaborationCursor.configure({ provider: session.provider, user }),
      ],
      editorProps: { attributes: { 'aria-label': 'Minutes', class: 'minutes-body' } },
    },
    [session, editable, user.name, user.color],
  );
  return (
    <section className="minutes panel" aria-label="Minutes panel">
      <header className="panel-header">
        <h2>Minutes</h2>
        {editable && editor && <Toolbar editor={editor} />}
        {!editable && <span className="hint">read-only</span>}
      </header>
      {bar}
      <EditorContent editor={editor} />
    </section>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const button = (label: string, run: () => void, active: boolean) => (
    <button type="button" className={active ? 'tool active' : 'tool'} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {label}
    </button>
  );
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {button('H2', () => editor.chain().focus().toggleHeading({ level: 2 }).run(), editor.isActive('heading', { level: 2 }))}
      {button('Bold', () => editor.chain().focus().toggleBold().run(), editor.isActive('bold'))}
      {button('• List', () => editor.chain().focus().toggleBulletList().run(), editor.isActive('bulletList'))}
      {button('☐ Action', () => editor.chain().focus().toggleTaskList().run(), editor.isActive('taskList'))}
    </div>
  );
}
