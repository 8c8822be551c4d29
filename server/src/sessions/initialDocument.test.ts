import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { minutesTemplate } from '@roundtable/shared';
import { initialDocumentUpdate } from './initialDocument.js';

describe('initialDocumentUpdate', () => {
  it('writes the minutes template as y-prosemirror reads it back', () => {
    const session = {
      title: 'Grant tables v3',
      problem: 'Too slow',
      preparation: [{ url: 'https://example.org/x', label: 'Slides' }],
      moderatorName: 'Ada',
    };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialDocumentUpdate(session));
    const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment('minutes'));
    // y-prosemirror reads marks back without empty attrs; compare through the same normalisation.
    const normalise = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/,"attrs":\{\}/g, ''));
    expect(normalise(json)).toEqual(normalise(minutesTemplate(session)));
  });
});
