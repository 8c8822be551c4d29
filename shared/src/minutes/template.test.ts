import { describe, expect, it } from 'vitest';
import { MINUTES_SECTIONS, minutesTemplate } from './template.js';
import type { PMNode } from './prosemirrorJson.js';

function textOf(node: PMNode): string {
  return node.text ?? (node.content ?? []).map(textOf).join(' ');
}

describe('minutesTemplate', () => {
  it('fills the minutes from the session and has every section', () => {
    const doc = minutesTemplate({
      title: 'vTPM migration',
      problem: 'State is lost.\n\nAlso on resume.',
      contribute: 'Bring traces',
      preparation: [{ url: 'https://example.org/design', label: 'Design doc' }, { url: 'https://example.org/raw' }],
      moderatorName: 'Ada',
    });
    const headings = doc.content!.filter((n) => n.type === 'heading').map(textOf);
    expect(headings).toEqual(['vTPM migration', ...Object.values(MINUTES_SECTIONS)]);
    const all = textOf(doc);
    for (const part of ['State is lost.', 'Also on resume.', 'Bring traces', 'Design doc', 'https://example.org/raw', 'Ada']) {
      expect(all).toContain(part);
    }
    const links = JSON.stringify(doc).match(/"href":"[^"]+"/g);
    expect(links).toEqual(['"href":"https://example.org/design"', '"href":"https://example.org/raw"']);
    expect(doc.content!.at(-1)!.type).toBe('taskList');
  });

  it('says so where the proposal left a field out', () => {
    const all = textOf(minutesTemplate({ title: 'T', preparation: [] }));
    expect(all).toContain('Not stated.');
    expect(all).toContain('None.');
  });
});
