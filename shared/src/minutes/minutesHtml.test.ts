import { describe, expect, it } from 'vitest';
import { documentToHtml, escapeHtml, minutesToHtml } from './minutesHtml.js';
import { bulletList, heading, link, paragraph, taskList, text, type PMMark, type PMNode } from './prosemirrorJson.js';
import { MAX_NODES } from './documentLimits.js';
import { TRUNCATION_NOTE } from './minutesCommon.js';
import { sampleRecord } from './testRecord.js';
import { LINEAR_TIME_MS, manyParagraphs, nestedLists, nestedQuotes, timed } from './testHostile.js';

const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });
const p = (value: string, marks?: PMMark[]) => paragraph(text(value, marks));
const html = (...content: PMNode[]) => documentToHtml(doc(...content));
const XSS = '<script>alert(1)</script>';

describe('escapeHtml', () => {
  it('escapes what could open a tag, an entity or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});

describe('documentToHtml: nodes', () => {
  it('writes headings and paragraphs', () => {
    const h = (level: number, value: string): PMNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
    expect(html(h(1, 'One'), p('Text.'), h(6, 'Six'))).toBe('<h1>One</h1>\n<p>Text.</p>\n<h6>Six</h6>');
    expect(documentToHtml(doc(h(1, 'A'), h(6, 'B')), { headingOffset: 1 })).toBe('<h2>A</h2>\n<h6>B</h6>');
  });

  it('writes bold, italic, strike, code, links and hard breaks', () => {
    expect(
      html(
        paragraph(
          text('bold', [{ type: 'bold' }]),
          text(' '),
          text('italic', [{ type: 'italic' }]),
          text(' '),
          text('gone', [{ type: 'strike' }]),
          text(' '),
          text('a < b', [{ type: 'code' }]),
          { type: 'hardBreak' },
          link('https://example.org/?a=1&b=2', 'a link'),
        ),
      ),
    ).toBe(
      '<p><strong>bold</strong> <em>italic</em> <s>gone</s> <code>a &lt; b</code><br>' +
        '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer nofollow">a link</a></p>',
    );
  });

  it('nests marks properly and keeps a link one element', () => {
    const bold = { type: 'bold' };
    const href = { type: 'link', attrs: { href: 'https://example.org' } };
    expect(html(paragraph(text('see ', [href]), text('this', [href, bold]), text(' now', [bold])))).toBe(
      '<p><a href="https://example.org" rel="noopener noreferrer nofollow">see <strong>this</strong></a><strong> now</strong></p>',
    );
  });

  it('writes bullet, ordered (with its start) and nested lists', () => {
    const ordered: PMNode = {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [{ type: 'listItem', content: [p('Three'), bulletList([[p('Nested')]])] }],
    };
    expect(html(bulletList([[p('One')]]), ordered)).toBe(
      '<ul>\n<li>One</li>\n</ul>\n<ol start="3">\n<li>Three\n<ul>\n<li>Nested</li>\n</ul></li>\n</ol>',
    );
    // An item of several paragraphs keeps them as paragraphs.
    expect(html(bulletList([[p('a'), p('b')]]))).toBe('<ul>\n<li><p>a</p>\n<p>b</p></li>\n</ul>');
  });

  it('writes task items as disabled checkboxes, nested ones too', () => {
    const tasks: PMNode = {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p('Done')] },
        { type: 'taskItem', attrs: { checked: false }, content: [p('Open'), taskList([{ checked: false, content: [p('Sub')] }])] },
      ],
    };
    expect(html(tasks)).toBe(
      '<ul class="task-list">\n' +
        '<li class="task-item"><input type="checkbox" disabled checked> Done</li>\n' +
        '<li class="task-item"><input type="checkbox" disabled> Open\n' +
        '<ul class="task-list">\n<li class="task-item"><input type="checkbox" disabled> Sub</li>\n</ul></li>\n' +
        '</ul>',
    );
  });

  it('writes code blocks, quotes and rules', () => {
    expect(
      html(
        { type: 'codeBlock', attrs: { language: 'c"><script>' }, content: [text('if (a < b)\n  return;')] },
        { type: 'blockquote', content: [p('Quoted.'), bulletList([[p('point')]])] },
        { type: 'horizontalRule' },
      ),
    ).toBe(
      '<pre><code class="language-cscript">if (a &lt; b)\n  return;</code></pre>\n' +
        '<blockquote>\n<p>Quoted.</p>\n<ul>\n<li>point</li>\n</ul>\n</blockquote>\n<hr>',
    );
  });

  it('leaves out empty nodes, and writes unknown nodes as their text', () => {
    expect(html(paragraph(), bulletList([[paragraph()]]))).toBe('');
    expect(
      html(
        { type: 'callout', content: [text('Custom '), { type: 'mention', content: [text('@ada')] }] },
        { type: 'details', content: [{ type: 'detailsSummary', content: [text('Summary')] }, p('Body')] },
        paragraph(text('marked', [{ type: 'highlight' }])),
      ),
    ).toBe('<p>Custom @ada</p>\n<p>Summary</p>\n<p>Body</p>\n<p>marked</p>');
  });
});

describe('documentToHtml: escaping', () => {
  it('keeps markup in text as text', () => {
    expect(html(p(`${XSS} & <b>bold</b>`), heading(2, XSS))).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>\n<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>',
    );
  });

  it('links only to http(s) and mailto, escaping the address; anything else is text', () => {
    const linked = (href: string, label = 'click') => paragraph(text(label, [{ type: 'link', attrs: { href } }]));
    expect(html(linked('javascript:alert(1)'), linked(' JavaScript:alert(1)'), linked('data:text/html,x'), linked('/relative'))).toBe(
      '<p>click</p>\n<p>click</p>\n<p>click</p>\n<p>click</p>',
    );
    expect(html(linked('https://example.org/"onmouseover="x'))).toBe(
      '<p><a href="https://example.org/&quot;onmouseover=&quot;x" rel="noopener noreferrer nofollow">click</a></p>',
    );
    expect(html(linked('mailto:ada@example.org', XSS))).toBe(
      '<p><a href="mailto:ada@example.org" rel="noopener noreferrer nofollow">&lt;script&gt;alert(1)&lt;/script&gt;</a></p>',
    );
  });
});

describe('minutesToHtml', () => {
  const record = sampleRecord();
  const page = minutesToHtml(record);

  it('is a standalone page with no script', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<title>vTPM migration: minutes</title>');
    expect(page).toContain('<style>');
    expect(page).not.toMatch(/<script|javascript:|\son\w+=/i);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has the header, the time split, every node of the minutes, the summaries and the closing line', () => {
    for (const part of [
      '<h1>vTPM migration</h1>',
      '<dt>Date and time</dt><dd><time datetime="2026-11-25T14:00:00.000Z">2026-11-25 14:00 UTC</time></dd>',
      '<dt>Room</dt><dd>Room B</dd>',
      '<dt>Moderator</dt><dd>Ada Lovelace</dd>',
      '<dt>Minute-taker</dt><dd>Bob Builder</dd>',
      '<dt>Attendees</dt><dd>Ada Lovelace, Bob Builder, Carol Danvers</dd>',
      '<p class="time-split">Presentation: 9 of 50 minutes (18%, cap 25%)</p>',
      '<h2>Minutes</h2>\n<p>Moderator: Ada Lovelace</p>\n<h3>Discussion</h3>',
      '<strong>bold</strong>',
      '<ol start="3">',
      '<pre><code class="language-c">',
      '<blockquote>',
      '<hr>',
      '<br>',
      '<h2>Decisions</h2>\n<ul>\n<li>keep the old ABI</li>\n<li>Ship v2 in January</li>\n</ul>',
      '<li class="task-item"><input type="checkbox" disabled> measure the downtime (owner: bob, due 2026-12-01)</li>',
      '<li class="task-item"><input type="checkbox" disabled checked> Book the room</li>',
      '<li><a href="https://example.org/slides.pdf" rel="noopener noreferrer nofollow">Slides</a></li>',
      '<p>These minutes are the record of the session: it was not recorded.</p>',
      'Session page: <a href="https://roundtable.example.org/s/sess-1"',
    ]) {
      expect(page).toContain(part);
    }
    // The minutes' own title heading is not repeated.
    expect(page.match(/<h1>/g)).toHaveLength(1);
  });

  it('escapes every user-written string', () => {
    const evil = minutesToHtml(
      sampleRecord({
        session: {
          ...record.session,
          title: `Live ${XSS}`,
          moderatorName: '<i>Ada</i>',
          preparation: [{ url: 'javascript:alert(1)', label: '<b>prep</b>' }],
        },
        room: '<Room>',
        minuteTaker: '"Bob"',
        attendees: [{ name: '<img src=x onerror=alert(1)>', role: 'attendee', firstSeenAt: 0 }],
        decisions: [{ text: XSS }],
        actionItems: [{ text: '<u>do</u>', owner: '<o>', due: null, done: false }],
        sessionUrl: 'javascript:alert(2)',
      }),
    );
    expect(evil).not.toMatch(/<script|<img|<i>|<b>|<u>|<o>|<Room>|href="javascript/i);
    expect(evil).toContain('<title>Live &lt;script&gt;alert(1)&lt;/script&gt;: minutes</title>');
    expect(evil).toContain('<h1>Live &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(evil).toContain('<dd>&lt;img src=x onerror=alert(1)&gt;</dd>');
    expect(evil).toContain('<dd>&quot;Bob&quot;</dd>');
    expect(evil).toContain('<li>&lt;b&gt;prep&lt;/b&gt;</li>');
    expect(evil).toContain('&lt;u&gt;do&lt;/u&gt; (owner: &lt;o&gt;)');
    expect(evil).toContain('<p>Session page: javascript:alert(2)</p>');
  });

  it('says so where nothing was recorded', () => {
    const empty = minutesToHtml(sampleRecord({ minutes: doc(), decisions: [], actionItems: [], session: { ...record.session, preparation: [] } }));
    expect(empty).toContain('<h2>Minutes</h2>\n<p>Nothing was written.</p>');
    expect(empty).toContain('<h2>Decisions</h2>\n<p>None recorded.</p>');
    expect(empty).toContain('<h2>Action items</h2>\n<p>None recorded.</p>');
    expect(empty).not.toContain('Preparation material');
  });
});

describe('documentToHtml: hostile documents', () => {
  const count = (out: string, tag: string) => out.split(tag).length - 1;

  it('renders 5,000 nested quotes and lists without running out of stack, keeping their text and its order', () => {
    const quotes = html(nestedQuotes(5_000, p('innermost')));
    const texts = [...quotes.matchAll(/<p>quote (\d+)<\/p>/g)].map((m) => Number(m[1]));
    expect(texts).toEqual(Array.from({ length: 5_000 }, (_, i) => i + 1));
    expect(quotes).toContain('<p>innermost</p>');
    expect(count(quotes, '<blockquote>')).toBe(16);
    expect(count(quotes, '</blockquote>')).toBe(16);
    const lists = html(nestedLists(5_000, p('innermost'), { type: 'taskList', textEvery: 10 }));
    expect(lists).toContain('innermost');
    expect(count(lists, '<ul class="task-list">')).toBe(count(lists, '</ul>'));
  });

  it('renders a 1 MB word in linear time', () => {
    const word = 'x'.repeat(1_000_000);
    const { value: out, ms } = timed(() => html(p(`<${word}>`)));
    expect(ms).toBeLessThan(LINEAR_TIME_MS);
    expect(out).toBe(`<p>&lt;${word}&gt;</p>`);
  });

  it('writes no carriage return nor other control character a user typed', () => {
    expect(html(paragraph(text('one\r\ntwo\u0007')), { type: 'codeBlock', content: [text('a\r\nb\rc\u0000d\u007f')] })).toBe(
      '<p>one\ntwo</p>\n<pre><code>a\nb\ncd</code></pre>',
    );
    const record = sampleRecord();
    const out = minutesToHtml(
      sampleRecord({
        session: { ...record.session, title: 'T\r\u001b' },
        decisions: [{ text: 'ok\u0000\r' }],
        actionItems: [{ text: 'do\u0007', owner: 'o\u0000', due: null, done: false }],
        sessionUrl: 'x\u0000',
      }),
    );
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(out).toContain('<li>ok</li>');
    expect(out).toContain('do (owner: o)</li>');
  });

  it(`renders the first ${MAX_NODES} nodes of a longer document, then says the rest is left out`, () => {
    expect(html(...manyParagraphs(MAX_NODES / 2 + 1)).endsWith(`<p>para ${MAX_NODES / 2 - 1}</p>\n<p>${TRUNCATION_NOTE}</p>`)).toBe(true);
    expect(html(...manyParagraphs(MAX_NODES / 2)).endsWith(`<p>para ${MAX_NODES / 2 - 1}</p>`)).toBe(true);
    expect(minutesToHtml(sampleRecord({ minutes: doc(...manyParagraphs(MAX_NODES)) }))).toContain(
      `<p>${TRUNCATION_NOTE}</p>\n</section>`,
    );
  });
});
