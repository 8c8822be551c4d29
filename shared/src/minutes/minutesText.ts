/**
 * Minutes as the plain-text body of a mailing-list post: 72 columns, the conventions of text mail
 * (underlined headings, "> " quotes, code indented four spaces, numbered link references).
 *
 * Links: a link's text is followed by " [n]" and "[n] URL" is listed under "Links" at the end; the
 * same URL always gets the same number, in order of first use. A link whose text is just its
 * address (ignoring "https://", "mailto:", a trailing "/" and case) needs no reference: an http(s)
 * link is written as its full URL, a mailto link as its text. Only http(s) and mailto links count;
 * the text of any other link is written plainly. Marks are dropped, except code, in backticks.
 */
import type { MinutesRecord } from './minutesRecord.js';
import {
  CLOSING_LINE,
  EMPTY_MINUTES,
  EXPORT_HEADINGS,
  NONE_RECORDED,
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
  topBlocks,
  type DocumentRenderOptions,
} from './pmInline.js';
import { MAIL_WIDTH, columns, hardWrap, wrapText } from './wrapText.js';

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

  /** "[1] https://...", one line per URL. */
  lines(): string[] {
    return [...this.numbers].map(([url, n]) => `[${n}] ${url}`);
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
  let out = '';
  let linkStart = 0;
  for (const token of inlineTokens(nodes)) {
    if (token.kind === 'text') out += token.code ? `\`${token.text}\`` : token.text.replace(/[\r\n]+/g, ' ');
    else if (token.kind === 'break') out += '\n';
    else if (token.mark.type === 'link' && token.mark.href) {
      const { href } = token.mark;
      if (token.kind === 'open') linkStart = out.length;
      else {
        const label = out.slice(linkStart);
        const trailing = /\s*$/.exec(label)![0];
        const text = label.slice(0, label.length - trailing.length);
        // Glued to the text's last word, unless that is a URL which may need a line of its own.
        const glue = /https?:\/\/\S*$/i.test(text) ? ' ' : NBSP;
        if (!isOwnAddress(text, href)) out = `${out.slice(0, linkStart)}${text}${glue}[${refs.number(href)}]${trailing}`;
        else if (!/^mailto:/i.test(href)) out = `${out.slice(0, linkStart)}${href}${trailing}`;
      }
    }
  }
  // Breaks at either end of a paragraph would only add blank lines.
  return out.replace(/^\s+|\s+$/g, '');
}

/** `lines` of content (unprefixed) in a frame; blank lines keep only the frame's markers. */
function framed(lines: string[], frame: Frame): string[] {
  return lines.map((line, i) => (line === '' ? frame.rest : `${i === 0 ? frame.first : frame.rest}${line}`).trimEnd());
}

function heading(text: string, level: number, frame: Frame): string[] | null {
  const lines = wrapText(text, MAIL_WIDTH, frame.first, frame.rest);
  if (lines.length === 0) return null;
  const width = Math.max(...lines.map((line, i) => columns(line) - columns(i === 0 ? frame.first : frame.rest)));
  return [...lines, `${frame.rest}${(level === 1 ? '=' : '-').repeat(Math.max(1, width))}`];
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
    lines.push(...rendered);
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
  const numberWidth = Math.max(0, ...entries.filter((e) => e.marker.endsWith('.')).map((e) => e.marker.length));
  const lines: string[] = [];
  for (const { item, marker: raw } of entries) {
    const marker = raw.endsWith('.') ? `${raw.padStart(numberWidth)} ` : raw;
    const itemFrame = {
      first: `${lines.length === 0 ? frame.first : frame.rest}${lead}${marker}`,
      rest: `${frame.rest}${lead}${' '.repeat(marker.length)}`,
    };
    const body = ITEM_TYPES.has(item.type)
      ? sequence(childrenOf(item), itemFrame, ctx, true)
      : (block(item, itemFrame, ctx, true) ?? []);
    lines.push(...body);
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
      const inner = sequence(childrenOf(node), { first: `${frame.first}> `, rest: `${frame.rest}> ` }, ctx, false);
      return inner.length > 0 ? inner : null;
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
  return [...lines, (level === 1 ? '=' : '-').repeat(Math.max(...lines.map(columns)))];
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
 * which the caller then lists; without `refs`, the text ends with its own "Links" section.
 */
export function documentToPlainText(doc: PMNode, refs?: LinkReferences, options: DocumentRenderOptions = {}): string {
  const ctx: Context = { refs: refs ?? new LinkReferences(), headingOffset: options.headingOffset ?? 0 };
  const body = sequence(topBlocks(doc), { first: '', rest: '' }, ctx, false);
  return finish([body, refs ? [] : linksSection(ctx.refs)]);
}

/** A link's text with its reference, or the address itself when it has no other text. */
function reference(label: string | undefined, url: string, refs: LinkReferences): string {
  const href = safeHref(url);
  const text = label?.trim() || url.trim();
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
  const labelWidth = Math.max(...fields.map((f) => f.label.length)) + 2;
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
