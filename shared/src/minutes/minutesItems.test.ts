import { describe, expect, it } from 'vitest';
import { MAX_NODES } from './documentLimits.js';
import { ITEM_TEXT_LIMIT, extractMinutesItems, parseActionItem } from './minutesItems.js';
import { bulletList, heading, paragraph, taskList, text, type PMNode } from './prosemirrorJson.js';
import { minutesTemplate } from './template.js';
import { LINEAR_TIME_MS, manyParagraphs, nestedLists, nestedQuotes, timed } from './testHostile.js';

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

describe('extractMinutesItems: hostile documents', () => {
  it('reads 5,000 nested lists and quotes without running out of stack', () => {
    const tasks = extractMinutesItems(doc(nestedLists(5_000, p('innermost'), { type: 'taskList', textEvery: 500 })));
    // Items nested deeper than the limit are read as part of the deepest item allowed.
    expect(tasks.actionItems.map((a) => a.text)).toEqual([
      'item 1',
      expect.stringMatching(/^item 500 item 1000 .* item 5000 innermost$/),
    ]);
    const quotes = extractMinutesItems(doc(heading(2, 'Decisions'), nestedQuotes(5_000, p('innermost'))));
    expect(quotes.decisions).toHaveLength(5_001);
    expect(quotes.decisions.at(-1)).toEqual({ text: 'innermost' });
  });

  it('reads a 200 KB text of "(owner:" or of ",;:" in linear time, cut to the item text limit', () => {
    const owners = `Fix it ${'(owner: '.repeat(25_000)}`;
    const { value: item, ms } = timed(() => parseActionItem(owners));
    expect(ms).toBeLessThan(LINEAR_TIME_MS);
    expect(item.owner).toBeNull();
    expect(item.text.startsWith('Fix it (owner: (owner:')).toBe(true);
    expect(item.text.endsWith('…')).toBe(true);
    expect(item.text.length).toBeLessThanOrEqual(ITEM_TEXT_LIMIT);

    const punctuation = `Decision: go${',;:'.repeat(70_000)}x`;
    const { value: found, ms: extractMs } = timed(() => extractMinutesItems(doc(p(punctuation), p(`TODO: ${punctuation}`))));
    expect(extractMs).toBeLessThan(LINEAR_TIME_MS);
    expect(found.decisions).toHaveLength(1);
    expect(found.decisions[0]!.text).toMatch(/^go,;:,;:.*…$/);
    expect(found.actionItems[0]!.text.length).toBeLessThanOrEqual(ITEM_TEXT_LIMIT);
  });

  it('finds owner and due date in the first part of a long item, and cuts its text', () => {
    const long = `@ada write the spec due 2026-12-01 ${'word '.repeat(100_000)}(owner: bob)`;
    const item = parseActionItem(long);
    expect(item.owner).toBe('ada');
    expect(item.due).toBe('2026-12-01');
    expect(item.text.startsWith('write the spec word word')).toBe(true);
    expect(item.text.endsWith('word…')).toBe(true);
    expect(item.text.length).toBeLessThanOrEqual(ITEM_TEXT_LIMIT);
    // "(owner: ...)" past the limit is not read.
    expect(parseActionItem(`${'x '.repeat(ITEM_TEXT_LIMIT)}(owner: bob)`).owner).toBeNull();
  });

  it('still tidies what removed markers leave, runs of them included', () => {
    expect(parseActionItem(`Send it ${'( , ) '.repeat(300)}.`)).toEqual(action('Send it.'));
    expect(parseActionItem('Send it (owner: Ann),;:. ,;: —')).toEqual(action('Send it.', false, 'Ann'));
    expect(parseActionItem('@bob... , fix it')).toEqual(action('fix it', false, 'bob'));
  });

  it('reads text without control characters, and only the first nodes of a huge document', () => {
    const found = extractMinutesItems(doc(p('TODO: ring\u0007 the\r\nbell\u001b')));
    expect(found.actionItems).toEqual([action('ring the bell')]);
    const huge = extractMinutesItems(doc(heading(2, 'Decisions'), ...manyParagraphs(MAX_NODES)));
    expect(huge.decisions).toHaveLength(MAX_NODES / 2 - 1);
  });
});
