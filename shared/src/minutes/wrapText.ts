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

/** Display width as this module counts it. */
export function columns(value: string): number {
  return [...value].length;
}

/**
 * `text` as lines of at most `width` columns, prefixes included: the first line starts with
 * `firstPrefix`, every other with `restPrefix` (a hanging indent or a quote marker). Runs of
 * spaces collapse; no line ends in a space. Blank text gives no lines.
 */
export function wrapText(text: string, width: number, firstPrefix = '', restPrefix = ''): string[] {
  if (text.trim() === '') return [];
  const lines: string[] = [];
  let prefix = firstPrefix;
  const push = (line: string, linePrefix = prefix) => {
    lines.push(`${linePrefix}${line}`.replace(/\u00a0/g, ' ').trimEnd());
    prefix = restPrefix;
  };
  const bare = (p: string) => (p.trim() === '' ? p : '');
  for (const segment of text.split(/\r?\n/)) {
    // Split on ASCII whitespace only, so that U+00A0 stays inside its word.
    const words = segment.split(/[ \t\f\v\r]+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      if (line !== '' && columns(prefix) + columns(line) + 1 + columns(word) <= width) {
        line = `${line} ${word}`;
        continue;
      }
      if (line !== '') push(line);
      line = word;
      if (URL.test(word) && columns(prefix) + columns(word) > width) {
        if (lines.length === 0 && firstPrefix !== restPrefix && firstPrefix.trim() !== '') push('');
        push(word, bare(prefix));
        line = '';
      } else if (columns(prefix) + columns(word) > width) {
        // A word longer than a line (a hash, a path) is cut: only a URL may pass the width.
        let rest = [...word];
        while (columns(prefix) + rest.length > width) {
          const room = Math.max(1, width - columns(prefix));
          push(rest.slice(0, room).join(''));
          rest = rest.slice(room);
        }
        line = rest.join('');
      }
    }
    if (line !== '' || words.length === 0) push(line);
  }
  return lines;
}

/**
 * A verbatim line (code) cut into pieces of at most `width` columns, each continuation indented
 * like the line (its leading spaces and quote markers), so no line but a lone URL passes the width.
 */
export function hardWrap(line: string, width: number): string[] {
  if (columns(line) <= width || /^[ >]*https?:\/\/\S+$/i.test(line)) return [line];
  const indent = [...(/^[ >]*/.exec(line)?.[0] ?? '')].slice(0, Math.floor(width / 2)).join('');
  const pieces: string[] = [];
  let rest = [...line];
  let prefix = '';
  while (columns(prefix) + rest.length > width) {
    const room = width - columns(prefix);
    pieces.push(`${prefix}${rest.slice(0, room).join('')}`.trimEnd());
    rest = rest.slice(room);
    prefix = indent;
  }
  pieces.push(`${prefix}${rest.join('')}`.trimEnd());
  return pieces;
}
