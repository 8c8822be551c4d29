import { describe, expect, it } from 'vitest';
import { extractMinutesItems, parseActionItem } from './minutesItems.js';
import { bulletList, heading, paragraph, taskList, text, type PMNode } from './prosemirrorJson.js';
import { minutesTemplate } from './template.js';

const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });
const p = (value: string) => paragraph(text(value));
const items = (...values: string[]) => bulletList(values.map((v) => [p(v)]));
const action = (value: string, done = false, owner: string | null = null, due: string | null = null) => ({
  text: value,
  owner,
  due,
  done,
});

describe('extractMinutesItems: decisions', () => {
  it('takes every item and paragraph under "Decisions", up to the next heading of its level', () => {
    const found = extractMinutesItems(
      doc(
        heading(2, 'Discussion'),
        items('Not a decision'),
        heading(2, 'Decisions'),
        items('Use a versioned section', 'Drop the legacy path'),
        p('Keep the ABI'),
        heading(3, 'Details'), // lower level: still in the section
        items('Document it'),
        heading(2, 'Next steps'),
        items('Not one either'),
      ),
    );
    expect(found.decisions.map((d) => d.text)).toEqual([
      'Use a versioned section',
      'Drop the legacy path',
      'Keep the ABI',
      'Document it',
    ]);
  });

  it('finds the section at any level and in any case', () => {
    const found = extractMinutesItems(doc(heading(1, 'DECISIONS:'), items('One'), heading(1, 'Other'), items('Two')));
    expect(found.decisions).toEqual([{ text: 'One' }]);
  });

  it('takes "Decision:" and "Decided:" lines anywhere, prefix removed, each once', () => {
    const found = extractMinutesItems(
      doc(
        heading(2, 'Discussion'),
        p('Decision: keep the old ABI'),
        items('decided:  ship in January'),
        p('We decided nothing here'),
        heading(2, 'Decisions'),
        items('Keep the old ABI'), // the same decision again
      ),
    );
    expect(found.decisions.map((d) => d.text)).toEqual(['keep the old ABI', 'ship in January']);
  });

  it('reads text without marks, hard breaks as spaces, nested lists as items of their own', () => {
    const found = extractMinutesItems(
      doc(
        heading(2, 'Decisions'),
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                paragraph(text('Use '), text('v2', [{ type: 'bold' }]), { type: 'hardBreak' }, text('everywhere')),
                items('Including tests'),
              ],
            },
          ],
        },
      ),
    );
    expect(found.decisions.map((d) => d.text)).toEqual(['Use v2 everywhere', 'Including tests']);
  });
});

describe('extractMinutesItems: action items', () => {
  it('takes every task item anywhere, nested ones too, done when checked', () => {
    const nested: PMNode = {
      type: 'taskList',
      content: [
        {
          type: 'taskItem',
          attrs: { checked: false },
          content: [p('Prepare the patch'), taskList([{ checked: true, content: [p('Rebase it')] }])],
        },
      ],
    };
    const found = extractMinutesItems(doc(heading(2, 'Discussion'), nested));
    expect(found.actionItems).toEqual([action('Prepare the patch'), action('Rebase it', true)]);
  });

  it('takes items and paragraphs under "Action items" and "Action:" / "TODO:" lines anywhere', () => {
    const found = extractMinutesItems(
      doc(
        p('Action: write the RFC'),
        items('todo: book a room'),
        heading(2, 'Action items'),
        items('Send the slides'),
        p('Ask the vendor'),
      ),
    );
    expect(found.actionItems.map((a) => a.text)).toEqual(['write the RFC', 'book a room', 'Send the slides', 'Ask the vendor']);
  });

  it('lets a prefix win over the section it stands in', () => {
    const found = extractMinutesItems(doc(heading(2, 'Decisions'), items('Action: measure it', 'Go ahead')));
    expect(found.decisions).toEqual([{ text: 'Go ahead' }]);
    expect(found.actionItems).toEqual([action('measure it')]);
  });

  it('reads an owner from a leading @handle or an "(owner: Name)" anywhere', () => {
    expect(parseActionItem('@alice: send the slides')).toEqual(action('send the slides', false, 'alice'));
    expect(parseActionItem('@Alice_Smith - send the slides.')).toEqual(action('send the slides.', false, 'Alice_Smith'));
    expect(parseActionItem('Action: @bob. fix it')).toEqual(action('fix it', false, 'bob'));
    expect(parseActionItem('Write the spec (owner: Carol Danvers)')).toEqual(action('Write the spec', false, 'Carol Danvers'));
    expect(parseActionItem('(Owner: Dan) write it')).toEqual(action('write it', false, 'Dan'));
    // Not at the start: an address or a mention, left alone.
    expect(parseActionItem('Mail bob@example.org and @carol')).toEqual(action('Mail bob@example.org and @carol'));
  });

  it('reads a due date after "due", "due:" or "by", in any case, and tidies the text', () => {
    expect(parseActionItem('Write the spec due 2026-12-01')).toEqual(action('Write the spec', false, null, '2026-12-01'));
    expect(parseActionItem('Write the spec, Due: 2026-12-01.')).toEqual(action('Write the spec.', false, null, '2026-12-01'));
    expect(parseActionItem('Write the spec BY 2026-12-01 please')).toEqual(
      action('Write the spec please', false, null, '2026-12-01'),
    );
    expect(parseActionItem('Write the spec (owner: alice, due 2026-12-01)')).toEqual(
      action('Write the spec', false, 'alice', '2026-12-01'),
    );
    // Not a date: left in the text.
    expect(parseActionItem('Fix it by 2026-13-45')).toEqual(action('Fix it by 2026-13-45'));
  });

  it('keeps an item once, filling owner, due date and done from its repetition', () => {
    const found = extractMinutesItems(
      doc(p('TODO: write the spec'), taskList([{ checked: true, content: [p('@alice write the spec by 2026-12-01')] }])),
    );
    expect(found.actionItems).toEqual([action('write the spec', true, 'alice', '2026-12-01')]);
  });
});

describe('extractMinutesItems: what it leaves out', () => {
  it('finds nothing in the template a session starts with (its placeholders are empty)', () => {
    const template = minutesTemplate({ title: 'T', preparation: [{ url: 'https://example.org' }], moderatorName: 'Ada' });
    expect(extractMinutesItems(template)).toEqual({ decisions: [], actionItems: [] });
  });

  it('skips empty items, code blocks and headings, and items emptied by their markers', () => {
    const found = extractMinutesItems(
      doc(
        heading(2, 'Decision: not from a heading'),
        { type: 'codeBlock', content: [text('TODO: not from code')] },
        heading(2, 'Action items'),
        items('', '   '),
        p('Action:'),
        taskList([{ checked: false, content: [paragraph()] }]),
      ),
    );
    expect(found).toEqual({ decisions: [], actionItems: [] });
  });

  it('reads through unknown nodes and survives malformed JSON', () => {
    const found = extractMinutesItems(
      doc(
        heading(2, 'Decisions'),
        { type: 'details', content: [{ type: 'detailsContent', content: [p('Inside a details block')] }] },
        { type: 'callout', content: [text('Decision: from a custom text block')] },
        { type: 'paragraph', content: 'not an array' as unknown as PMNode[] },
        { type: 'bulletList', content: [null as unknown as PMNode, { type: 'listItem' }] },
      ),
    );
    expect(found.decisions.map((d) => d.text)).toEqual(['Inside a details block', 'from a custom text block']);
  });
});
