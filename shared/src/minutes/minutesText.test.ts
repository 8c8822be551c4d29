import { describe, expect, it } from 'vitest';
import { LinkReferences, documentToPlainText, minutesToPlainText } from './minutesText.js';
import { bulletList, heading, link, paragraph, taskList, text, type PMMark, type PMNode } from './prosemirrorJson.js';
import { MAX_NODES } from './documentLimits.js';
import { TRUNCATION_NOTE } from './minutesCommon.js';
import { sampleRecord } from './testRecord.js';
import { LINEAR_TIME_MS, manyParagraphs, nestedLists, nestedQuotes, timed } from './testHostile.js';
import { columns } from './wrapText.js';

const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });
const p = (value: string, marks?: PMMark[]) => paragraph(text(value, marks));
const txt = (...content: PMNode[]) => documentToPlainText(doc(...content));
const LONG_URL = 'https://example.org/a/very/long/path/that/does/not/fit/on/one/line/of/a/mail/message.html';
const PROSE =
  'The group agreed that the migration stream must carry the TPM state blob as a versioned section, ' +
  'so that older hosts can refuse it cleanly instead of resuming a guest with a half-initialised device.';

/** The contract's rule for the txt body, and no trailing spaces. */
function expectMailLines(body: string) {
  for (const line of body.split('\n')) {
    expect(line, JSON.stringify(line)).toBe(line.trimEnd());
    if (columns(line) > 72) expect(line.trim()).toMatch(/^(\[\d+\] )?https?:\/\/\S+$/);
  }
}

describe('documentToPlainText: nodes', () => {
  it('underlines headings ("=" for level 1, "-" below) and parts paragraphs by blank lines', () => {
    expect(txt(heading(1, 'Title'), p('First.'), heading(2, 'Section'), p('Second.'), heading(3, 'Sub'))).toBe(
      'Title\n=====\n\nFirst.\n\nSection\n-------\n\nSecond.\n\nSub\n---\n',
    );
  });

  it('drops marks but keeps code in backticks', () => {
    expect(
      txt(
        paragraph(
          text('bold', [{ type: 'bold' }]),
          text(' '),
          text('italic', [{ type: 'italic' }]),
          text(' '),
          text('gone', [{ type: 'strike' }]),
          text(' '),
          text('x = 1', [{ type: 'code' }]),
        ),
      ),
    ).toBe('bold italic gone `x = 1`\n');
  });

  it('writes a hard break as a new line', () => {
    expect(txt(paragraph(text('line one'), { type: 'hardBreak' }, text('line two')))).toBe('line one\nline two\n');
  });

  it('wraps paragraphs at 72 columns', () => {
    const out = txt(p(PROSE));
    expect(out.split('\n').length).toBeGreaterThan(2);
    expectMailLines(out);
    expect(out.replace(/\n/g, ' ').trim()).toBe(PROSE);
  });

  it('writes lists with hanging indents, nested lists two columns further in', () => {
    const ordered: PMNode = {
      type: 'orderedList',
      attrs: { start: 9 },
      content: [
        { type: 'listItem', content: [p('Nine')] },
        { type: 'listItem', content: [p('Ten'), bulletList([[p('Nested')]])] },
      ],
    };
    expect(txt(bulletList([[p('One')], [p('Two')]]), ordered)).toBe(
      '  - One\n  - Two\n\n   9. Nine\n  10. Ten\n      - Nested\n',
    );
    const wrapped = txt(bulletList([[p(PROSE), bulletList([[p(PROSE)]])]])).split('\n');
    expect(wrapped[0]).toMatch(/^ {2}- The group/);
    const nestedStart = wrapped.findIndex((line) => line.startsWith('    - '));
    expect(nestedStart).toBeGreaterThan(1);
    for (const line of wrapped.slice(1, nestedStart)) expect(line).toMatch(/^ {4}\S/);
    for (const line of wrapped.slice(nestedStart + 1).filter(Boolean)) expect(line).toMatch(/^ {6}\S/);
    expectMailLines(wrapped.join('\n'));
  });

  it('writes task items as [ ] and [x], nested ones too', () => {
    const tasks: PMNode = {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p('Done')] },
        { type: 'taskItem', attrs: { checked: false }, content: [p('Open'), taskList([{ checked: false, content: [p('Sub')] }])] },
      ],
    };
    expect(txt(tasks)).toBe('  [x] Done\n  [ ] Open\n      [ ] Sub\n');
  });

  it('keeps code blocks verbatim, indented four spaces, cutting only a line too long for mail', () => {
    const long = `call(${'x, '.repeat(40)}y);`;
    expect(txt({ type: 'codeBlock', attrs: { language: 'c' }, content: [text(`int x;\n\n  x++;\n${long}`)] })).toBe(
      `    int x;\n\n      x++;\n    ${long.slice(0, 68).trimEnd()}\n    ${long.slice(68)}\n`,
    );
  });

  it('quotes with "> ", rewrapped within 72 columns, nested content included', () => {
    const out = txt({ type: 'blockquote', content: [p(PROSE), bulletList([[p('point')]]), { type: 'blockquote', content: [p('inner')] }] });
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^>( |$)/);
    expect(lines).toContain('>   - point');
    expect(lines).toContain('> > inner');
    expect(lines).toContain('>');
    expectMailLines(out);
  });

  it('writes a horizontal rule as a line of dashes', () => {
    expect(txt(p('a'), { type: 'horizontalRule' }, p('b'))).toBe(`a\n\n${'-'.repeat(72)}\n\nb\n`);
  });

  it('leaves out empty paragraphs and items, and writes unknown nodes as their text', () => {
    expect(txt(paragraph(), bulletList([[paragraph()]]))).toBe('');
    expect(
      txt(
        { type: 'callout', content: [text('Custom '), { type: 'mention', content: [text('@ada')] }] },
        { type: 'details', content: [{ type: 'detailsSummary', content: [text('Summary')] }, p('Body')] },
      ),
    ).toBe('Custom @ada\n\nSummary\n\nBody\n');
  });
});

describe('documentToPlainText: links', () => {
  it('numbers links, the same URL once, and lists them at the end', () => {
    const out = txt(
      paragraph(text('See the '), link('https://example.org/design', 'design doc'), text(' and the '), link('https://example.org/faq', 'FAQ'), text('.')),
      paragraph(text('Again: '), link('https://example.org/design', 'the design')),
    );
    expect(out).toBe(
      'See the design doc [1] and the FAQ [2].\n\nAgain: the design [1]\n\nLinks\n=====\n\n' +
        '[1] https://example.org/design\n[2] https://example.org/faq\n',
    );
  });

  it('writes a link whose text is its address as the URL, unnumbered', () => {
    expect(txt(paragraph(link('https://example.org/x', 'https://example.org/x')))).toBe('https://example.org/x\n');
    expect(txt(paragraph(link('https://example.org/x/', 'example.org/x')))).toBe('https://example.org/x/\n');
    expect(txt(paragraph(link('mailto:ada@example.org', 'ada@example.org')))).toBe('ada@example.org\n');
  });

  it('gives a long URL a line of its own, unbroken, and never separates a reference from its text', () => {
    const out = txt(
      bulletList([[paragraph(text(`${'word '.repeat(12)}and `), link(LONG_URL, LONG_URL), text(' then '), link('https://e.org', 'that'))]]),
    );
    expect(out.split('\n')).toContain(`    ${LONG_URL}`);
    expect(out).toContain('that [1]');
    expectMailLines(out);
  });

  it('numbers into references the caller passes, without a Links section of its own', () => {
    const refs = new LinkReferences();
    refs.number('https://example.org/first');
    expect(documentToPlainText(doc(paragraph(link('https://example.org/b', 'b'))), refs)).toBe('b [2]\n');
    expect(refs.lines()).toEqual(['[1] https://example.org/first', '[2] https://example.org/b']);
  });

  it('writes only http(s) and mailto links as references, others as their text', () => {
    const bad = paragraph(text('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]));
    expect(txt(bad)).toBe('click\n');
  });
});

describe('minutesToPlainText', () => {
  const record = sampleRecord();
  const out = minutesToPlainText(record);

  it('starts with the title, aligned header lines and the time split', () => {
    expect(out.startsWith(
      [
        'vTPM migration',
        '==============',
        '',
        'Date and time: 2026-11-25 14:00 UTC',
        'Room:          Room B',
        'Moderator:     Ada Lovelace',
        'Minute-taker:  Bob Builder',
        'Attendees:     Ada Lovelace, Bob Builder, Carol Danvers',
        '',
        'Presentation: 9 of 50 minutes (18%, cap 25%)',
        '',
        'Minutes',
        '=======',
        '',
        'Moderator: Ada Lovelace',
        '',
        'Discussion',
        '----------',
      ].join('\n'),
    )).toBe(true);
  });

  it('wraps a long attendee list under its label', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `Person Number${i}`, role: 'attendee' as const, firstSeenAt: i }));
    const lines = minutesToPlainText(sampleRecord({ attendees: many })).split('\n');
    const at = lines.findIndex((line) => line.startsWith('Attendees:'));
    expect(lines[at + 1]).toMatch(/^ {15}Person/);
    expectMailLines(lines.join('\n'));
  });

  it('sums up decisions and action items with owner, due date and state', () => {
    expect(out).toContain('Decisions\n=========\n\n  * keep the old ABI\n  * Ship v2 in January\n');
    expect(out).toContain(
      [
        'Action items',
        '============',
        '',
        '  * measure the downtime (owner: bob, due 2026-12-01)',
        '  * Write the spec (owner: Carol Danvers, due 2026-12-15)',
        '  * Book the room (done)',
      ].join('\n'),
    );
  });

  it('numbers preparation links after the body\'s, and ends with the closing line and the links', () => {
    expect(out).toContain('Preparation material\n====================\n\n  * Slides [2]\n');
    expect(out.endsWith(
      [
        'These minutes are the record of the session: it was not recorded.',
        'Session page: https://roundtable.example.org/s/sess-1',
        '',
        'Links',
        '=====',
        '',
        '[1] https://example.org/design',
        '[2] https://example.org/slides.pdf',
        '',
      ].join('\n'),
    )).toBe(true);
  });

  it('holds every node of the minutes, as mail lines ending in exactly one newline', () => {
    for (const part of [
      'with the design\ndoc [1].\nSecond line.',
      '  3. Third point\n  4. Fourth point\n     - A nested detail',
      '> Quoted remark from the list.',
      '    int main(void) {\n      return 0;\n    }',
      '-'.repeat(72),
      '  [ ] Write the spec (owner: Carol Danvers, due 2026-12-15)\n  [x] Book the room',
      '`qemu_migrate()`',
    ]) {
      expect(out).toContain(part);
    }
    expectMailLines(out);
    expect(out).not.toContain('\r');
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('says so where nothing was recorded', () => {
    const empty = minutesToPlainText(
      sampleRecord({ minutes: doc(), decisions: [], actionItems: [], sessionUrl: null, session: { ...record.session, preparation: [] } }),
    );
    expect(empty).toContain('Minutes\n=======\n\nNothing was written.');
    expect(empty).toContain('Decisions\n=========\n\nNone recorded.\n\nAction items\n============\n\nNone recorded.');
    expect(empty).not.toContain('Links');
    expect(empty.endsWith('it was not recorded.\n')).toBe(true);
  });
});

/** The numbers N of every "<word> N" in `out`. */
function numbersAfter(word: string, out: string): Set<number> {
  return new Set([...out.matchAll(new RegExp(`\\b${word} (\\d+)\\b`, 'g'))].map((m) => Number(m[1])));
}

const range = (from: number, to: number) => new Set(Array.from({ length: to - from + 1 }, (_, i) => from + i));

describe('documentToPlainText: hostile documents', () => {
  it('ends for 40 nested quotes, every line within 72 columns, all the text kept', () => {
    const out = txt(nestedQuotes(40, paragraph(text(`${PROSE} `), link(LONG_URL, LONG_URL))));
    expectMailLines(out);
    expect(numbersAfter('quote', out)).toEqual(range(1, 40));
    expect(out).toMatch(/half-initialised\s[> ]*device\./);
    expect(out.split('\n')).toContain(LONG_URL);
  });

  it('ends for 10 nested ordered lists starting at 999999999, the numbers written in full', () => {
    const out = txt(nestedLists(10, p(PROSE), { type: 'orderedList', start: 999_999_999, after: true }));
    expectMailLines(out);
    expect(out).toContain(' 999999999. item 1\n');
    expect(out).toContain('1000000000. after 1\n');
    expect(numbersAfter('item', out)).toEqual(range(1, 10));
    expect(numbersAfter('after', out)).toEqual(range(1, 10));
    // Markers of items waiting for their first line get a line of their own rather than pass the limit.
    const chained = txt(nestedLists(8, p(PROSE), { type: 'orderedList', start: 999_999_999, textEvery: 100 }));
    expectMailLines(chained);
    expect(chained).toContain('\n          999999999. 999999999. 999999999.\n');
    for (const line of chained.split('\n')) expect(columns(/^[ \d.]*/.exec(line)![0])).toBeLessThanOrEqual(52);
  });

  it('ends for 200 nested bullet lists, and keeps the text of 5,000 nested quotes and lists', () => {
    const bullets = txt(nestedLists(200, p('deepest'), { after: true }));
    expectMailLines(bullets);
    expect(numbersAfter('item', bullets)).toEqual(range(1, 200));
    expect(bullets).toContain('deepest');
    const quotes = txt(nestedQuotes(5_000, p('innermost')));
    expectMailLines(quotes);
    expect(numbersAfter('quote', quotes)).toEqual(range(1, 5_000));
    expect(quotes).toContain('innermost');
    const lists = txt(nestedLists(5_000, p('innermost'), { type: 'taskList', textEvery: 10 }));
    expect(numbersAfter('item', lists).size).toBe(501);
    expect(lists).toContain('innermost');
  });

  it('keeps a heading deep in quotes and lists within 72 columns, its underline too', () => {
    const deepHeading = { type: 'heading', attrs: { level: 2 }, content: [text(`${PROSE} ${LONG_URL} end`)] };
    const nested = nestedLists(6, nestedQuotes(30, deepHeading), { type: 'orderedList', start: 999_999_999 });
    const out = txt(nested, nestedQuotes(60, deepHeading));
    expectMailLines(out);
    expect(out).toMatch(/^[ >]*-{20,}$/m);
    expect(out).toContain('end');
  });

  it('renders a paragraph holding a 1 MB word in linear time, cut into lines', () => {
    const word = 'x'.repeat(1_000_000);
    const { value: out, ms } = timed(() => txt(p(`Before ${word} after`), { type: 'codeBlock', content: [text(word)] }));
    expect(ms).toBeLessThan(LINEAR_TIME_MS);
    expectMailLines(out);
    expect(out.replace(/\s/g, '')).toBe(`Before${word}after${word}`);
  });

  it('writes no carriage return nor other control character a user typed', () => {
    const out = txt(
      paragraph(text('one\r\ntwo\rthree\u0007\u001b[31m')),
      { type: 'codeBlock', content: [text('a\r\nb\rc\u0000d\u007f')] },
    );
    expect(out).toBe('one two three[31m\n\n    a\n    b\n    cd\n');
    const record = sampleRecord();
    const mail = minutesToPlainText(
      sampleRecord({ session: { ...record.session, title: 'Title\r\u001b]0;x\u0007' }, decisions: [{ text: 'ok\u0000\r' }] }),
    );
    expect(mail).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(mail.startsWith('Title ]0;x\n')).toBe(true);
  });

  it(`renders the first ${MAX_NODES} nodes of a longer document, then says the rest is left out`, () => {
    const out = txt(...manyParagraphs(MAX_NODES / 2 + 1));
    expect(out.endsWith(`para ${MAX_NODES / 2 - 1}\n\n${TRUNCATION_NOTE}\n`)).toBe(true);
    expect(txt(...manyParagraphs(MAX_NODES / 2)).endsWith(`para ${MAX_NODES / 2 - 1}\n`)).toBe(true);
    const mail = minutesToPlainText(sampleRecord({ minutes: doc(...manyParagraphs(MAX_NODES)) }));
    expect(mail).toContain(`${TRUNCATION_NOTE}\n\nDecisions\n`);
  });
});
