/**
 * Minutes as the plain-text body of a mailing-list post: 72 columns, the conventions of text mail
 * (underlined headings, "> " quotes, code indented four spaces, numbered link references).
 *
 * Links: a link's text is followed by " [n]" and "[n] URL" is listed under "Links" at the end; the
 * same URL always gets the same number, in order of first use. A link whose text is just its
 * address (ignoring "https://", "mailto:", a trailing "/" and case) needs no reference: an http(s)
 * link is written as its full URL, a mailto link as its text. Only http(s) and mailto links count;
 * the text of any other link is written plainly. Marks are dropped, except code, in backticks.
 *
 * Every line fits in 72 columns but one holding only a URL, however deep the nesting: the quote
 * markers and indentation in front of a line (its frame) never take more than 52 columns (see
 * `deeper`), and the document itself is read within the limits of `prepareDocument`.
 */
import { appendAll, maxOf } from './arrays.js';
import { prepareDocument } from './documentLimits.js';
import type { MinutesRecord } from './minutesRecord.js';
import {
  CLOSING_LINE,
  EMPTY_MINUTES,
  EXPORT_HEADINGS,
  NONE_RECORDED,
  TRUNCATION_NOTE,
  actionItemDetails,
  headerFields,
  minutesBody,
  oneLine,
  preparationLabel,
  timeSplitLine,
} from './minutesCommon.js';
import type { PMNode } from './prosemirrorJson.js';
import {
  ITEM_TYPES,
  LIST_TYPES,
  childrenOf,
  hasInlineContent,
  headingLevel,
  inlineTokens,
  isChecked,
  listStart,
  safeHref,
  type DocumentRenderOptions,
} from './pmInline.js';
import { MAIL_WIDTH, columns, hardWrap, maxPrefixColumns, wrapText } from './wrapText.js';

const NBSP = '\u00a0';

/** The numbered URLs of one text, in order of first use. */
export class LinkReferences {
  private readonly numbers = new Map<string, number>();

  /** The URL's number, given it on first use. */
  number(url: string): number {
    let n = this.numbers.get(url);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(url, n);
    }
    return n;
  }

  get size(): number {
    return this.numbers.size;
  }

  /**
   * "[1] https://...", one line per URL. Whitespace inside a URL (which the editor lets through)
   * is percent-encoded, so that the line still holds nothing but the URL.
   */
  lines(): string[] {
    return [...this.numbers].map(([url, n]) => `[${n}] ${url.replace(/\s/g, (c) => encodeURIComponent(c))}`);
  }
}

interface Context {
  refs: LinkReferences;
  headingOffset: number;
}

/** What each line of a block starts with: list markers, hanging indents and quote markers. */
interface Frame {
  first: string;
  rest: string;
}

/**
 * No frame is wider than this (52 columns), so text keeps at least 20 columns of every line
 * however deep the nesting: past that, a line per word would be unreadable, and a frame as wide
 * as the line once made wrapText loop forever.
 */
const FRAME_LIMIT = maxPrefixColumns(MAIL_WIDTH);
/**
 * The widest list marker with its lead ("  1000000000. ": a number has at most ten digits, since
 * a list starts below 10^9 and has fewer than MAX_NODES items).
 */
const MARKER_LIMIT = 14;
/** A frame's continuation lines stay within this, so that a list marker always fits after them. */
const REST_LIMIT = FRAME_LIMIT - MARKER_LIMIT;
/**
 * A list's hanging indent grows by at most this much ("999999. "): a longer number is written in
 * full, and its item's first line then starts further in than the item's other lines.
 */
const HANG_LIMIT = 8;

/** Quote markers squeezed together, "> > > " as ">>> ", as mail clients write deep quotes. */
function squeezeQuotes(prefix: string): string {
  return prefix.replace(/(?:>+ )+/g, (run) => `${'>'.repeat(run.length - run.replace(/>/g, '').length)} `);
}

/**
 * The frame of a block nested in `frame`, with `first` and `rest` added to its first and other
 * lines (a quote marker, or a list marker and its hanging indent; `marker` says the first must
 * be written). It stays within the limits above: past REST_LIMIT the quote markers are squeezed,
 * and if that is not enough the indentation stops growing (a deeper quote then shows no marker of
 * its own; a list marker is still written). Where the markers of enclosing items still waiting
 * for their first line ("  - - 1. ") would make that line too wide, they are given a line of
 * their own: `flush`, to be written before the block (only if the block writes anything).
 */
function deeper(frame: Frame, first: string, rest: string, marker: boolean): { frame: Frame; flush: string | null } {
  let inner: Frame = { first: frame.first + first, rest: frame.rest + rest };
  if (columns(inner.rest) > REST_LIMIT) inner = { first: squeezeQuotes(inner.first), rest: squeezeQuotes(inner.rest) };
  if (columns(inner.rest) > REST_LIMIT) inner = { first: marker ? frame.first + first : frame.first, rest: frame.rest };
  if (columns(inner.first) <= FRAME_LIMIT || frame.first === frame.rest) return { frame: inner, flush: null };
  // From the continuation frame the first line fits: rest <= REST_LIMIT, plus a marker.
  const { frame: fitted } = deeper({ first: frame.rest, rest: frame.rest }, first, rest, marker);
  return { frame: fitted, flush: frame.first.trimEnd() };
}

/** `lines` with the flushed markers (see `deeper`) in front, or null for no lines. */
function withFlush(flush: string | null, lines: string[]): string[] | null {
  if (lines.length === 0) return null;
  return flush === null ? lines : [flush, ...lines];
}

/** The last word of `text`: found by a loop, as `/\S*$/` is quadratic on a long word. */
function lastWord(text: string): string {
  let start = text.length;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return text.slice(start);
}

/**
 * Whether a link's text is just its address ("example.org/x" for "https://example.org/x/"), in
 * which case the address itself is written and no reference is needed.
 */
function isOwnAddress(label: string, href: string): boolean {
  const bare = (value: string) =>
    value
      .trim()
      .replace(/^(?:https?:\/\/|mailto:)/i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return bare(label) === bare(href);
}

/** Inline content as one string: "\n" for a hard break, NBSP gluing a reference to its link text. */
function inline(nodes: PMNode[], refs: LinkReferences): string {
  // Pieces, not one growing string: a link's text is rewritten when the link closes, and
  // rewriting the whole paragraph each time would be quadratic in a paragraph of many links.
  const parts: string[] = [];
  let linkStart = 0;
  for (const token of inlineTokens(nodes)) {
    if (token.kind === 'text') parts.push(token.code ? `\`${token.text}\`` : token.text.replace(/[\r\n]+/g, ' '));
    else if (token.kind === 'break') parts.push('\n');
    else if (token.mark.type === 'link' && token.mark.href) {
      const { href } = token.mark;
      if (token.kind === 'open') linkStart = parts.length;
      else {
        const label = parts.splice(linkStart).join('');
        const text = label.trimEnd();
        const trailing = label.slice(text.length);
        // Glued to the text's last word, unless that is a URL which may need a line of its own.
        const glue = /https?:\/\//i.test(lastWord(text)) ? ' ' : NBSP;
        if (!isOwnAddress(text, href)) parts.push(`${text}${glue}[${refs.number(href)}]${trailing}`);
        else if (!/^mailto:/i.test(href)) parts.push(`${href}${trailing}`);
        else parts.push(label);
      }
    }
  }
  // Breaks at either end of a paragraph would only add blank lines.
  return parts.join('').trim();
}

/** `lines` of content (unprefixed) in a frame; blank lines keep only the frame's markers. */
function framed(lines: string[], frame: Frame): string[] {
  return lines.map((line, i) => (line === '' ? frame.rest : `${i === 0 ? frame.first : frame.rest}${line}`).trimEnd());
}

function heading(text: string, level: number, frame: Frame): string[] | null {
  const lines = wrapText(text, MAIL_WIDTH, frame.first, frame.rest);
  if (lines.length === 0) return null;
  const width = maxOf(lines.map((line, i) => columns(line) - columns(i === 0 ? frame.first : frame.rest)));
  // As wide as the text, but within the mail width even under a lone long URL.
  const underline = Math.min(Math.max(1, width), MAIL_WIDTH - columns(frame.rest));
  return [...lines, `${frame.rest}${(level === 1 ? '=' : '-').repeat(underline)}`];
}

function codeBlock(node: PMNode, frame: Frame): string[] | null {
  const code = childrenOf(node)
    .map((child) => child.text ?? '')
    .join('')
    .replace(/\n$/, '');
  if (code.trim() === '') return null;
  // Verbatim, indented; a line too long for mail is cut, never re-flowed.
  return framed(
    code.split(/\r?\n/).map((line) => (line.trim() === '' ? '' : `    ${line.trimEnd()}`)),
    frame,
  ).flatMap((line) => hardWrap(line, MAIL_WIDTH));
}

/** Blocks one after the other; a blank line between them, except before a list right after text. */
function sequence(nodes: PMNode[], frame: Frame, ctx: Context, inItem: boolean): string[] {
  const lines: string[] = [];
  let previous: PMNode | null = null;
  for (const node of nodes) {
    const rendered = block(node, previous ? { first: frame.rest, rest: frame.rest } : frame, ctx, inItem);
    if (rendered === null) continue;
    if (previous && !(inItem && LIST_TYPES.has(node.type) && previous.type === 'paragraph')) {
      lines.push(frame.rest.trimEnd());
    }
    appendAll(lines, rendered);
    previous = node;
  }
  return lines;
}

/**
 * A list with hanging indents. A list in the body is indented two spaces; one nested in an item
 * starts where the item's text starts (so two spaces further in than the item's marker).
 */
function list(node: PMNode, frame: Frame, ctx: Context, inItem: boolean): string[] | null {
  const lead = inItem ? '' : '  ';
  const entries: { item: PMNode; marker: string }[] = [];
  let number = listStart(node);
  for (const item of childrenOf(node)) {
    const task = item.type === 'taskItem' || (node.type === 'taskList' && !ITEM_TYPES.has(item.type));
    const ordered = node.type === 'orderedList' && !task;
    entries.push({ item, marker: task ? (isChecked(item) ? '[x] ' : '[ ] ') : ordered ? `${number++}.` : '- ' });
  }
  // Numbers are right-aligned so that the items' text lines up ("  9." above " 10.").
  const numberWidth = maxOf(entries.filter((e) => e.marker.endsWith('.')).map((e) => e.marker.length));
  const lines: string[] = [];
  for (const { item, marker: raw } of entries) {
    const marker = raw.endsWith('.') ? `${raw.padStart(numberWidth)} ` : raw;
    const outer = lines.length === 0 ? frame : { first: frame.rest, rest: frame.rest };
    const hang = ' '.repeat(Math.min(marker.length, HANG_LIMIT));
    const { frame: itemFrame, flush } = deeper(outer, `${lead}${marker}`, `${lead}${hang}`, true);
    const body = ITEM_TYPES.has(item.type)
      ? sequence(childrenOf(item), itemFrame, ctx, true)
      : (block(item, itemFrame, ctx, true) ?? []);
    appendAll(lines, withFlush(flush, body) ?? []);
  }
  return lines.length > 0 ? lines : null;
}

function block(node: PMNode, frame: Frame, ctx: Context, inItem = false): string[] | null {
  const paragraph = (text: string) => {
    const lines = wrapText(text, MAIL_WIDTH, frame.first, frame.rest);
    return lines.length > 0 ? lines : null;
  };
  switch (node.type) {
    case 'paragraph':
      return paragraph(inline(childrenOf(node), ctx.refs));
    case 'text':
      return paragraph(inline([node], ctx.refs));
    case 'heading':
      return heading(
        inline(childrenOf(node), ctx.refs).replace(/\n/g, ' '),
        headingLevel(node, ctx.headingOffset),
        frame,
      );
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return list(node, frame, ctx, inItem);
    case 'listItem':
    case 'taskItem':
      return list({ type: node.type === 'taskItem' ? 'taskList' : 'bulletList', content: [node] }, frame, ctx, inItem);
    case 'blockquote': {
      const { frame: inner, flush } = deeper(frame, '> ', '> ', false);
      return withFlush(flush, sequence(childrenOf(node), inner, ctx, false));
    }
    case 'codeBlock':
      return codeBlock(node, frame);
    case 'horizontalRule':
      return [`${frame.first}${'-'.repeat(Math.max(3, MAIL_WIDTH - columns(frame.first)))}`];
    case 'hardBreak':
      return null;
    default: {
      // An unknown node: its text, as a paragraph or as the blocks it holds.
      if (hasInlineContent(node)) return paragraph(inline(childrenOf(node), ctx.refs));
      const inner = sequence(childrenOf(node), frame, ctx, false);
      return inner.length > 0 ? inner : null;
    }
  }
}

function underlined(lines: string[], level: number): string[] {
  if (lines.length === 0) return [];
  // Within the mail width even under a lone long URL.
  return [...lines, (level === 1 ? '=' : '-').repeat(Math.min(maxOf(lines.map(columns)), MAIL_WIDTH))];
}

function linksSection(refs: LinkReferences): string[] {
  return refs.size > 0 ? [...underlined([EXPORT_HEADINGS.links], 1), '', ...refs.lines()] : [];
}

function finish(parts: string[][]): string {
  const text = parts
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n');
  return text ? `${text}\n` : '';
}

/**
 * The document as wrapped plain text, ending with a newline. Link numbers are taken from `refs`,
 * which the caller then lists; without `refs`, the text ends with its own "Links" section. The
 * document is read within the limits of `prepareDocument`, TRUNCATION_NOTE ending a longer one.
 */
export function documentToPlainText(doc: PMNode, refs?: LinkReferences, options: DocumentRenderOptions = {}): string {
  const ctx: Context = { refs: refs ?? new LinkReferences(), headingOffset: options.headingOffset ?? 0 };
  const { blocks, truncated } = prepareDocument(doc);
  const body = sequence(blocks, { first: '', rest: '' }, ctx, false);
  return finish([body, truncated ? wrapText(TRUNCATION_NOTE, MAIL_WIDTH) : [], refs ? [] : linksSection(ctx.refs)]);
}

/** A link's text with its reference, or the address itself when it has no other text. */
function reference(label: string | undefined, url: string, refs: LinkReferences): string {
  const href = safeHref(url);
  const text = label?.trim() || oneLine(url);
  if (!href) return text;
  if (isOwnAddress(text, href)) return /^mailto:/i.test(href) ? text : href;
  return `${text}${NBSP}[${refs.number(href)}]`;
}

export function minutesToPlainText(record: MinutesRecord): string {
  const refs = new LinkReferences();
  // Export sections are underlined with "=", the minutes' own headings (one level down) with "-".
  const heading = (title: string) => [...underlined(wrapText(title, MAIL_WIDTH), 1), ''];
  const bullets = (texts: string[]) => texts.flatMap((text) => wrapText(oneLine(text), MAIL_WIDTH, '  * ', '    '));
  const fields = headerFields(record);
  const labelWidth = maxOf(fields.map((f) => f.label.length)) + 2;
  // Body first, so that its links are numbered before the summaries' ones.
  const body = documentToPlainText(minutesBody(record), refs, { headingOffset: 1 }).trimEnd();
  const section = (title: string, lines: string[]) => [...heading(title), ...(lines.length > 0 ? lines : [NONE_RECORDED])];
  const { preparation } = record.session;
  return finish([
    underlined(wrapText(oneLine(record.session.title) || 'Untitled session', MAIL_WIDTH), 1),
    fields.flatMap(({ label, value, entries }) =>
      wrapText(
        // A name is never split over two lines.
        entries ? entries.map((entry) => entry.replace(/ /g, NBSP)).join(', ') : value,
        MAIL_WIDTH,
        `${label}:`.padEnd(labelWidth),
        ' '.repeat(labelWidth),
      ),
    ),
    wrapText(timeSplitLine(record), MAIL_WIDTH),
    [...heading(EXPORT_HEADINGS.minutes), body || EMPTY_MINUTES],
    section(EXPORT_HEADINGS.decisions, bullets(record.decisions.map((d) => d.text))),
    section(
      EXPORT_HEADINGS.actionItems,
      bullets(
        record.actionItems.map((item) => {
          const details = actionItemDetails(item, true);
          return details ? `${item.text} (${details})` : item.text;
        }),
      ),
    ),
    preparation.length > 0
      ? [...heading(EXPORT_HEADINGS.preparation), ...bullets(preparation.map((p) => reference(preparationLabel(p), p.url, refs)))]
      : [],
    [
      ...wrapText(CLOSING_LINE, MAIL_WIDTH),
      ...(record.sessionUrl ? wrapText(`Session page: ${reference(undefined, record.sessionUrl, refs)}`, MAIL_WIDTH) : []),
    ],
    linksSection(refs),
  ]);
}
