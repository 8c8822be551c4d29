import { describe, expect, it } from 'vitest';
import { documentToMarkdown, escapeMarkdown, minutesToMarkdown } from './minutesMarkdown.js';
import { bulletList, heading, link, paragraph, taskList, text, type PMMark, type PMNode } from './prosemirrorJson.js';
import { MAX_NODES } from './documentLimits.js';
import { TRUNCATION_NOTE } from './minutesCommon.js';
import { sampleRecord } from './testRecord.js';
import { LINEAR_TIME_MS, manyParagraphs, nestedLists, nestedQuotes, timed } from './testHostile.js';

const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });
const p = (value: string, marks?: PMMark[]) => paragraph(text(value, marks));
const md = (...content: PMNode[]) => documentToMarkdown(doc(...content));

describe('documentToMarkdown: nodes', () => {
  it('writes headings of every level and paragraphs separated by a blank line', () => {
    const h = (level: number, value: string): PMNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
    expect(md(h(1, 'One'), p('Text.'), h(2, 'Two'), h(3, 'Three'), h(6, 'Six'), p('More.'))).toBe(
      '# One\n\nText.\n\n## Two\n\n### Three\n\n###### Six\n\nMore.\n',
    );
    // The exports nest the minutes one level down, never below h6.
    expect(documentToMarkdown(doc(h(1, 'A'), h(6, 'B')), { headingOffset: 1 })).toBe('## A\n\n###### B\n');
  });

  it('writes bold, italic, strike, code and links', () => {
    const out = md(
      paragraph(
        text('bold', [{ type: 'bold' }]),
        text(' '),
        text('italic', [{ type: 'italic' }]),
        text(' '),
        text('gone', [{ type: 'strike' }]),
        text(' '),
        text('x = 1', [{ type: 'code' }]),
        text(' '),
        link('https://example.org/a_(b)', 'a link'),
      ),
    );
    expect(out).toBe('**bold** _italic_ ~~gone~~ `x = 1` [a link](https://example.org/a_\\(b\\))\n');
  });

  it('nests marks properly, with spaces outside the delimiters', () => {
    const bold = { type: 'bold' };
    const italic = { type: 'italic' };
    expect(md(paragraph(text('very ', [bold]), text('much', [bold, italic]), text(' so', [bold])))).toBe(
      '**very _much_ so**\n',
    );
    expect(md(paragraph(text('a'), text(' b ', [bold]), text('c')))).toBe('a **b** c\n');
    // A link around a partly bold label stays one link.
    const href = { type: 'link', attrs: { href: 'https://example.org' } };
    expect(md(paragraph(text('see ', [href]), text('this', [href, bold])))).toBe('[see **this**](https://example.org)\n');
  });

  it('falls back to HTML tags where CommonMark would not read the delimiters', () => {
    expect(md(paragraph(text('"x"', [{ type: 'bold' }]), text('y')))).toBe('<strong>"x"</strong>y\n');
    expect(md(paragraph(text('in'), text('word', [{ type: 'italic' }]), text('s')))).toBe('in<em>word</em>s\n');
  });

  it('grows code fences past the backticks in the code', () => {
    expect(md(paragraph(text('a `tick`', [{ type: 'code' }])))).toBe('`` a `tick` ``\n');
    expect(md(paragraph(text('`', [{ type: 'code' }])))).toBe('`` ` ``\n');
    const code: PMNode = { type: 'codeBlock', attrs: { language: 'md' }, content: [text('```\nfenced\n```')] };
    expect(md(code)).toBe('````md\n```\nfenced\n```\n````\n');
  });

  it('writes bullet, ordered (from its start) and nested lists', () => {
    const ordered: PMNode = {
      type: 'orderedList',
      attrs: { start: 9 },
      content: [
        { type: 'listItem', content: [p('Nine')] },
        { type: 'listItem', content: [p('Ten'), bulletList([[p('Nested')], [p('Also nested')]])] },
      ],
    };
    expect(md(bulletList([[p('One')], [p('Two')]]), ordered)).toBe(
      '- One\n- Two\n\n9. Nine\n10. Ten\n    - Nested\n    - Also nested\n',
    );
  });

  it('writes task items, checked or not, nested too', () => {
    const tasks: PMNode = {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p('Done')] },
        {
          type: 'taskItem',
          attrs: { checked: false },
          content: [p('Open'), taskList([{ checked: false, content: [p('Sub-task')] }])],
        },
      ],
    };
    expect(md(tasks)).toBe('- [x] Done\n- [ ] Open\n  - [ ] Sub-task\n');
  });

  it('writes code blocks with their language, quotes with nested content, rules and hard breaks', () => {
    const quote: PMNode = { type: 'blockquote', content: [p('Quoted.'), bulletList([[p('point')]])] };
    expect(
      md(
        { type: 'codeBlock', attrs: { language: 'c' }, content: [text('int x;\n  x++;')] },
        quote,
        { type: 'horizontalRule' },
        paragraph(text('line one'), { type: 'hardBreak' }, text('line two')),
      ),
    ).toBe('```c\nint x;\n  x++;\n```\n\n> Quoted.\n>\n> - point\n\n---\n\nline one\\\nline two\n');
  });

  it('leaves out empty paragraphs, items and lists (the template placeholders)', () => {
    expect(md(paragraph(), bulletList([[paragraph()]]), taskList([{ checked: false, content: [paragraph()] }]))).toBe('');
  });

  it('keeps two lists in a row apart', () => {
    expect(md(bulletList([[p('a')]]), taskList([{ checked: false, content: [p('b')] }]))).toBe(
      '- a\n\n<!-- -->\n\n- [ ] b\n',
    );
  });

  it('writes the text of unknown nodes plainly', () => {
    const out = md(
      { type: 'callout', attrs: { emoji: '!' }, content: [text('Custom '), { type: 'mention', attrs: { id: 'x' }, content: [text('@ada')] }] },
      { type: 'details', content: [{ type: 'detailsSummary', content: [text('Summary')] }, p('Body')] },
      paragraph(text('marked', [{ type: 'highlight' }])),
    );
    expect(out).toBe('Custom @ada\n\nSummary\n\nBody\n\nmarked\n');
  });
});

describe('documentToMarkdown: escaping', () => {
  it('keeps what users typed literal', () => {
    expect(md(p('*not bold* and _not italic_ and `not code`'))).toBe(
      '\\*not bold\\* and \\_not italic\\_ and \\`not code\\`\n',
    );
    expect(md(p('# not heading'))).toBe('\\# not heading\n');
    expect(md(p('1. not a list'), p('- nor this'), p('> nor a quote'))).toBe('1\\. not a list\n\n\\- nor this\n\n\\> nor a quote\n');
    expect(md(p('[not](a link) <b>not html</b> ~~no~~ a|b &amp;'))).toBe(
      '\\[not\\](a link) \\<b>not html\\</b> \\~\\~no\\~\\~ a\\|b \\&amp;\n',
    );
    // Inside a word "_" cannot emphasise, so it stays as typed.
    expect(md(p('snake_case_name'))).toBe('snake_case_name\n');
    // A line made a setext underline or a list by a hard break.
    expect(md(paragraph(text('title'), { type: 'hardBreak' }, text('---')))).toBe('title\\\n\\---\n');
  });

  it('escapes heading text, including a trailing "#"', () => {
    expect(md(heading(2, 'Issue #'))).toBe('## Issue \\#\n');
  });

  it('makes only http(s) and mailto links, and writes other links as their text', () => {
    const bad = (href: string) => paragraph(text('click', [{ type: 'link', attrs: { href } }]));
    expect(md(bad('javascript:alert(1)'), bad('data:text/html,x'), bad('/relative'))).toBe('click\n\nclick\n\nclick\n');
    expect(md(paragraph(text('mail', [{ type: 'link', attrs: { href: 'mailto:a@example.org' } }])))).toBe(
      '[mail](mailto:a@example.org)\n',
    );
  });

  it('escapeMarkdown escapes block starts only at a line start', () => {
    expect(escapeMarkdown('# 1. - x')).toBe('# 1. - x');
    expect(escapeMarkdown('# x', { lineStart: true })).toBe('\\# x');
    expect(escapeMarkdown('2) x', { lineStart: true })).toBe('2\\) x');
  });
});

describe('minutesToMarkdown', () => {
  const record = sampleRecord();
  const out = minutesToMarkdown(record);

  it('starts with the title and the header lines, then the time split', () => {
    expect(out.startsWith('# vTPM migration\n\n')).toBe(true);
    expect(out).toContain(
      [
        '- **Date and time:** 2026-11-25 14:00 UTC',
        '- **Room:** Room B',
        '- **Moderator:** Ada Lovelace',
        '- **Minute-taker:** Bob Builder',
        '- **Attendees:** Ada Lovelace, Bob Builder, Carol Danvers',
      ].join('\n'),
    );
    expect(out).toContain('\n\nPresentation: 9 of 50 minutes (18%, cap 25%)\n\n');
  });

  it('holds the minutes one level down, without repeating the title', () => {
    expect(out).toContain('## Minutes\n\nModerator: Ada Lovelace\n\n### Discussion\n');
    expect(out.match(/^# /gm)).toHaveLength(1);
    for (const part of ['**bold**', '_italic_', '~~struck~~', '`qemu_migrate()`', '[design doc](https://example.org/design)']) {
      expect(out).toContain(part);
    }
  });

  it('sums up decisions, action items and preparation, and closes', () => {
    expect(out).toContain('## Decisions\n\n- keep the old ABI\n- Ship v2 in January\n');
    expect(out).toContain(
      [
        '## Action items',
        '',
        '- [ ] measure the downtime (owner: bob, due 2026-12-01)',
        '- [ ] Write the spec (owner: Carol Danvers, due 2026-12-15)',
        '- [x] Book the room',
      ].join('\n'),
    );
    expect(out).toContain('## Preparation material\n\n- [Slides](https://example.org/slides.pdf)\n');
    expect(out.endsWith(
      'These minutes are the record of the session: it was not recorded.\\\n' +
        'Session page: <https://roundtable.example.org/s/sess-1>\n',
    )).toBe(true);
  });

  it('says so where nothing was recorded or known', () => {
    const empty = minutesToMarkdown(
      sampleRecord({
        minutes: doc(),
        decisions: [],
        actionItems: [],
        room: null,
        minuteTaker: null,
        attendees: [],
        sessionUrl: null,
        timer: { ...record.timer, startedAt: null },
        session: { ...record.session, preparation: [], moderatorName: undefined },
      }),
    );
    expect(empty).toContain('- **Date and time:** 2026-11-25 14:50 UTC'); // asOf, as the session never started
    expect(empty).not.toContain('Room:');
    expect(empty).toContain('- **Moderator:** not named');
    expect(empty).toContain('- **Minute-taker:** not nominated');
    expect(empty).toContain('- **Attendees:** none recorded');
    expect(empty).toContain('## Minutes\n\nNothing was written.');
    expect(empty).toContain('## Decisions\n\nNone recorded.\n\n## Action items\n\nNone recorded.');
    expect(empty).not.toContain('Preparation material');
    expect(empty.endsWith('it was not recorded.\n')).toBe(true);
  });

  it('escapes the title, names and summarised items', () => {
    const tricky = minutesToMarkdown(
      sampleRecord({
        session: { ...record.session, title: '*Live* <script>alert(1)</script>' },
        attendees: [{ name: '_Eve_', role: 'attendee', firstSeenAt: 0 }],
        decisions: [{ text: '# not a heading' }],
        actionItems: [{ text: '1. not a list', owner: null, due: null, done: false }],
      }),
    );
    expect(tricky).toContain('# \\*Live\\* \\<script>alert(1)\\</script>\n');
    expect(tricky).toContain('**Attendees:** \\_Eve\\_');
    expect(tricky).toContain('- \\# not a heading\n');
    expect(tricky).toContain('- [ ] 1\\. not a list\n');
  });
});

/** The numbers N of every "<word> N" in `out`. */
function numbersAfter(word: string, out: string): Set<number> {
  return new Set([...out.matchAll(new RegExp(`\\b${word} (\\d+)\\b`, 'g'))].map((m) => Number(m[1])));
}

describe('documentToMarkdown: hostile documents', () => {
  it('renders 5,000 nested quotes and lists without running out of stack, keeping their text', () => {
    const quotes = md(nestedQuotes(5_000, p('innermost')));
    expect(numbersAfter('quote', quotes).size).toBe(5_000);
    expect(quotes).toContain('innermost');
    // Quoting stops growing at the nesting limit.
    expect(quotes).toContain(`${'> '.repeat(16)}quote 5000\n`);
    expect(quotes).not.toContain('> '.repeat(17));
    const lists = md(nestedLists(5_000, p('innermost'), { type: 'orderedList', textEvery: 10 }));
    expect(numbersAfter('item', lists).size).toBe(501);
    expect(lists).toContain('innermost');
  });

  it('never writes a list number CommonMark would not read (more than nine digits)', () => {
    const out = md(nestedLists(10, p('x'), { type: 'orderedList', start: 999_999_999, after: true }));
    expect(out).toContain('999999999. item 1\n');
    expect(out).toMatch(/^999999999\. after 1$/m);
    expect(out).not.toMatch(/\d{10}/);
  });

  it('renders a 1 MB word, and a code span of many backtick runs, in linear time', () => {
    const word = 'x'.repeat(1_000_000);
    const { value: out, ms } = timed(() => md(p(`Before ${word} after`)));
    expect(ms).toBeLessThan(LINEAR_TIME_MS);
    expect(out).toBe(`Before ${word} after\n`);
    // Half a million backtick runs: too many to pass to Math.max as arguments.
    const ticks = '` '.repeat(500_000);
    const { value: code, ms: codeMs } = timed(() => md(p(ticks, [{ type: 'code' }]), { type: 'codeBlock', content: [text(ticks)] }));
    expect(codeMs).toBeLessThan(LINEAR_TIME_MS);
    expect(code.startsWith('`` ` ` ')).toBe(true);
    expect(code).toContain('\n\n```\n` ` `');
  });

  it('writes no carriage return nor other control character a user typed', () => {
    expect(md(paragraph(text('one\r\ntwo\u0007\u001b[1m')), { type: 'codeBlock', content: [text('a\r\nb\rc\u0000d\u007f')] })).toBe(
      'one two\\[1m\n\n```\na\nb\ncd\n```\n',
    );
    const record = sampleRecord();
    const out = minutesToMarkdown(
      sampleRecord({ session: { ...record.session, title: 'T\r\u001b' }, decisions: [{ text: 'ok\u0000' }], sessionUrl: 'x\u0000' }),
    );
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it(`renders the first ${MAX_NODES} nodes of a longer document, then says the rest is left out`, () => {
    expect(md(...manyParagraphs(MAX_NODES / 2 + 1)).endsWith(`para ${MAX_NODES / 2 - 1}\n\n${TRUNCATION_NOTE}\n`)).toBe(true);
    expect(md(...manyParagraphs(MAX_NODES / 2)).endsWith(`para ${MAX_NODES / 2 - 1}\n`)).toBe(true);
    const out = minutesToMarkdown(sampleRecord({ minutes: doc(...manyParagraphs(MAX_NODES)) }));
    expect(out).toContain(`${TRUNCATION_NOTE}\n\n## Decisions\n`);
  });
});
