/**
 * Word wrapping for plain-text mail. Words are broken only when longer than a line, URLs never. "\n" in the text forces a line break.
 * A no-break space (U+00A0) glues two words onto one line and is written as an ordinary space.
 * Widths count code points, not display cells (a wide CJK character counts as one).
 *
 * A URL (a word holding "http://" or "https://", so "(https://x)." too) that does not fit on a
 * line even alone gets a line to itself, with no quote or list marker in front of it (only
 * indentation), so that the line holds nothing but the URL and a mail client can still recognise
 * it; a list marker in front of it goes on the line before.
 */
export const MAIL_WIDTH = 72;

const URL = /https?:\/\/\S/i;

/**
 * Display width as this module counts it: code points, as `[...value].length` would count them,
 * without building an array of a long word's characters each time.
 */
export function columns(value: string): number {
  let count = value.length;
  for (let i = 1; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      const before = value.charCodeAt(i - 1);
      if (before >= 0xd800 && before <= 0xdbff) count--; // the second half of a pair
    }
  }
  return count;
}

/**
 * The widest prefix a line may get: text keeps at least 20 columns (half the line on a narrow
 * one). The renderers keep their frames within this; wrapText and hardWrap cut a wider prefix to
 * it, so that every line keeps room for text whatever the caller passes.
 */
export function maxPrefixColumns(width: number): number {
  return Math.max(Math.floor(width / 2), width - 20);
}

/** A width the loops below can make progress with: a whole number, at least 1. */
function usableWidth(width: number): number {
  return width >= 1 ? Math.floor(width) : 1;
}

/** `prefix` cut to `maxPrefixColumns(width)` columns. */
function fitPrefix(prefix: string, width: number): string {
  const max = maxPrefixColumns(width);
  if (prefix.length <= max) return prefix; // never more columns than UTF-16 units
  const chars = [...prefix];
  return chars.length <= max ? prefix : chars.slice(0, max).join('');
}

/**
 * `text` as lines of at most `width` columns, prefixes included: the first line starts with
 * `firstPrefix`, every other with `restPrefix` (a hanging indent or a quote marker). Runs of
 * spaces collapse; no line ends in a space. Blank text gives no lines. A prefix wider than
 * `maxPrefixColumns(width)` is cut to it.
 */
export function wrapText(text: string, width: number, firstPrefix = '', restPrefix = ''): string[] {
  if (text.trim() === '') return [];
  width = usableWidth(width);
  firstPrefix = fitPrefix(firstPrefix, width);
  restPrefix = fitPrefix(restPrefix, width);
  const lines: string[] = [];
  let prefix = firstPrefix;
  const push = (line: string, linePrefix = prefix) => {
    lines.push(`${linePrefix}${line}`.replace(/\u00a0/g, ' ').trimEnd());
    prefix = restPrefix;
  };
  const bare = (p: string) => (p.trim() === '' ? p : '');
  for (const segment of text.split(/\r\n?|\n/)) {
    // Split on ASCII whitespace only, so that U+00A0 stays inside its word.
    const words = segment.split(/[ \t\f\v\r]+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      const wordColumns = columns(word);
      if (line !== '' && columns(prefix) + columns(line) + 1 + wordColumns <= width) {
        line = `${line} ${word}`;
        continue;
      }
      if (line !== '') push(line);
      line = word;
      if (URL.test(word) && columns(prefix) + wordColumns > width) {
        if (lines.length === 0 && firstPrefix !== restPrefix && firstPrefix.trim() !== '') push('');
        push(word, bare(prefix));
        line = '';
      } else if (columns(prefix) + wordColumns > width) {
        // A word longer than a line (a hash, a path) is cut: only a URL may pass the width. Cut by
        // index, not by copying the remainder each time, which is quadratic in the word's length.
        // The prefix is narrower than the width (fitPrefix), so each piece takes at least one
        // character and the loop ends.
        const chars = [...word];
        let at = 0;
        while (at < chars.length && columns(prefix) + (chars.length - at) > width) {
          const room = Math.max(1, width - columns(prefix));
          push(chars.slice(at, at + room).join(''));
          at += room;
        }
        line = chars.slice(at).join('');
      }
    }
    if (line !== '' || words.length === 0) push(line);
  }
  return lines;
}

/**
 * A verbatim line (code) cut into pieces of at most `width` columns, each continuation indented
 * like the line (its leading spaces and quote markers, at most half the width), so no line but a
 * lone URL passes the width.
 */
export function hardWrap(line: string, width: number): string[] {
  width = usableWidth(width);
  if (columns(line) <= width || /^[ >]*https?:\/\/\S+$/i.test(line)) return [line];
  const chars = [...line];
  const indent = [...(/^[ >]*/.exec(line)?.[0] ?? '')].slice(0, Math.floor(width / 2)).join('');
  const pieces: string[] = [];
  // By index, not by copying the remainder (quadratic); the indent leaves room, so each piece
  // takes at least one character.
  let at = 0;
  let prefix = '';
  while (at < chars.length && columns(prefix) + (chars.length - at) > width) {
    const room = Math.max(1, width - columns(prefix));
    pieces.push(`${prefix}${chars.slice(at, at + room).join('')}`.trimEnd());
    at += room;
    prefix = indent;
  }
  pieces.push(`${prefix}${chars.slice(at).join('')}`.trimEnd());
  return pieces;
}
