import { describe, expect, it } from 'vitest';
import { LINEAR_TIME_MS, timed } from './testHostile.js';
import { MAIL_WIDTH, columns, hardWrap, maxPrefixColumns, wrapText } from './wrapText.js';

const LONG_URL = 'https://example.org/a/very/long/path/that/does/not/fit/on/one/line/of/a/mail/message.html';
const PROSE =
  'The group agreed that the migration stream must carry the TPM state blob as a versioned section, ' +
  'so that older hosts can refuse it cleanly instead of resuming a guest with a half-initialised device.';

describe('wrapText', () => {
  it('fills lines greedily up to the width', () => {
    const lines = wrapText(PROSE, MAIL_WIDTH);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(72);
    // Greedy: the next line's first word would not have fitted.
    for (let i = 0; i < lines.length - 1; i++) {
      const next = lines[i + 1]!.split(' ')[0]!;
      expect(columns(`${lines[i]} ${next}`)).toBeGreaterThan(72);
    }
    expect(lines.join(' ')).toBe(PROSE);
  });

  it('writes a hanging indent, prefixes counted in the width', () => {
    const lines = wrapText(PROSE, 40, '  - ', '    ');
    expect(lines[0]).toMatch(/^ {2}- \S/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {4}\S/);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(40);
  });

  it('cuts a word longer than the width (only a URL may pass it)', () => {
    const word = 'x'.repeat(80);
    expect(wrapText(`short ${word} tail`, 72)).toEqual(['short', 'x'.repeat(72), `${'x'.repeat(8)} tail`]);
    expect(wrapText(word, 72, '  - ', '    ')).toEqual([`  - ${'x'.repeat(68)}`, `    ${'x'.repeat(12)}`]);
  });

  it('cuts a verbatim line into pieces indented like it, and leaves a lone URL whole', () => {
    const code = `    call(${'x, '.repeat(30)}y);`;
    const pieces = hardWrap(code, 72);
    expect(pieces.join('').replace(/\s/g, '')).toBe(code.replace(/\s/g, '')); // no trailing space at a cut
    expect(pieces.length).toBe(2);
    for (const piece of pieces) {
      expect(columns(piece)).toBeLessThanOrEqual(72);
      expect(piece.startsWith('    ')).toBe(true);
    }
    expect(hardWrap('short', 72)).toEqual(['short']);
    expect(hardWrap(`  ${LONG_URL}`, 72)).toEqual([`  ${LONG_URL}`]);
  });

  it('never breaks a URL and gives a long one a line holding only the URL', () => {
    expect(wrapText(`See ${LONG_URL} for details.`, 72)).toEqual(['See', LONG_URL, 'for details.']);
    // A list marker goes on the line before; the URL keeps only the indentation.
    expect(wrapText(LONG_URL, 72, '  - ', '    ')).toEqual(['  -', `    ${LONG_URL}`]);
    // A quote marker is dropped on that one line, so that it holds nothing but the URL.
    expect(wrapText(`quoted ${LONG_URL}`, 72, '> ', '> ')).toEqual(['> quoted', LONG_URL]);
    // A URL that fits stays in the flow.
    expect(wrapText('see https://example.org/x now', 72)).toEqual(['see https://example.org/x now']);
  });

  it('breaks at "\\n", glues at no-break spaces and leaves no trailing spaces', () => {
    expect(wrapText('one\ntwo', 72, '> ', '> ')).toEqual(['> one', '> two']);
    expect(wrapText('one\n\ntwo', 72, '> ', '> ')).toEqual(['> one', '>', '> two']);
    expect(wrapText('aaaa bbbb\u00a0[1]', 11)).toEqual(['aaaa', 'bbbb [1]']);
    expect(wrapText('  spaced    out  ', 72)).toEqual(['spaced out']);
  });

  it('gives nothing for blank text and counts code points, not UTF-16 units', () => {
    expect(wrapText('   ', 72, '- ')).toEqual([]);
    expect(columns('🙂é')).toBe(2);
    expect(wrapText('🙂🙂 🙂🙂', 4)).toEqual(['🙂🙂', '🙂🙂']);
  });

  it('ends, within the width, when the prefix is as wide as the line or wider', () => {
    // Such prefixes once made the cutting loop run forever (no room left, nothing consumed).
    expect(maxPrefixColumns(MAIL_WIDTH)).toBe(52);
    for (const prefix of ['>'.repeat(72), '> '.repeat(40), ' '.repeat(200)]) {
      const lines = wrapText(`short words ${'x'.repeat(150)} and ${LONG_URL}`, MAIL_WIDTH, prefix, prefix);
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) {
        if (line.trim() !== LONG_URL) expect(columns(line), line).toBeLessThanOrEqual(MAIL_WIDTH);
      }
      expect(lines.join('')).toContain('x'.repeat(20));
    }
    // Degenerate widths still make progress.
    expect(wrapText('abc', 0)).toEqual(['a', 'b', 'c']);
    expect(wrapText('abc', Number.NaN, '>>')).toEqual(['a', 'b', 'c']);
    for (const piece of hardWrap(`${'> '.repeat(100)}code`, MAIL_WIDTH)) expect(columns(piece)).toBeLessThanOrEqual(MAIL_WIDTH);
  });

  it('cuts a 1 MB word in linear time', () => {
    const word = 'x'.repeat(1_000_000);
    const { value: lines, ms } = timed(() => wrapText(`a ${word} b`, MAIL_WIDTH, '  - ', '    '));
    expect(ms).toBeLessThan(LINEAR_TIME_MS);
    expect(lines[0]).toBe('  - a');
    expect(lines.slice(1, -1).every((line) => line === `    ${'x'.repeat(68)}`)).toBe(true);
    expect(lines.join('').replace(/[ -]/g, '')).toBe(`a${word}b`);
    const { value: pieces, ms: hardMs } = timed(() => hardWrap(`    ${word}`, MAIL_WIDTH));
    expect(hardMs).toBeLessThan(LINEAR_TIME_MS);
    expect(pieces.every((piece) => columns(piece) <= MAIL_WIDTH)).toBe(true);
    expect(pieces.join('').replace(/ /g, '')).toBe(word);
  });
});
