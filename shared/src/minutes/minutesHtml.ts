/**
 * Minutes as a standalone HTML page. Everything users wrote is escaped, links go only to http(s)
 * and mailto targets, and the page carries no script (its CSP forbids any), so it is safe to serve
 * from the app's own origin and to open from disk.
 */
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
  sessionTime,
  timeSplitLine,
} from './minutesCommon.js';
import type { PMNode } from './prosemirrorJson.js';
import {
  ITEM_TYPES,
  LIST_TYPES,
  childrenOf,
  codeLanguage,
  hasInlineContent,
  headingLevel,
  inlineTokens,
  isChecked,
  listStart,
  safeHref,
  type DocumentRenderOptions,
  type InlineMark,
} from './pmInline.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const TAGS: Record<Exclude<InlineMark['type'], 'link'>, string> = { bold: 'strong', italic: 'em', strike: 's' };

function anchor(href: string): string {
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">`;
}

function inline(nodes: PMNode[]): string {
  let out = '';
  for (const token of inlineTokens(nodes)) {
    if (token.kind === 'text') out += token.code ? `<code>${escapeHtml(token.text)}</code>` : escapeHtml(token.text);
    else if (token.kind === 'break') out += '<br>';
    else if (token.mark.type === 'link') out += token.kind === 'open' ? anchor(token.mark.href ?? '') : '</a>';
    else out += token.kind === 'open' ? `<${TAGS[token.mark.type]}>` : `</${TAGS[token.mark.type]}>`;
  }
  return out.trim();
}

/**
 * An item's content. A lone paragraph (nested lists aside) is written without `<p>`, as a tight
 * Markdown list would be, so that a task's checkbox sits on the line of its text.
 */
function itemBody(item: PMNode, options: Required<DocumentRenderOptions>): string {
  if (!ITEM_TYPES.has(item.type)) return block(item, options) ?? '';
  const children = childrenOf(item);
  const tight = children.filter((c) => !LIST_TYPES.has(c.type)).length === 1 && children.some((c) => c.type === 'paragraph');
  return children
    .map((child) => (tight && child.type === 'paragraph' ? inline(childrenOf(child)) || null : block(child, options)))
    .filter((part): part is string => part !== null)
    .join('\n');
}

function list(node: PMNode, options: Required<DocumentRenderOptions>): string | null {
  const items: string[] = [];
  for (const item of childrenOf(node)) {
    const body = itemBody(item, options);
    if (body === '') continue;
    const task = item.type === 'taskItem' || (node.type === 'taskList' && !ITEM_TYPES.has(item.type));
    items.push(
      task
        ? `<li class="task-item"><input type="checkbox" disabled${isChecked(item) ? ' checked' : ''}> ${body}</li>`
        : `<li>${body}</li>`,
    );
  }
  if (items.length === 0) return null;
  const start = listStart(node);
  const open =
    node.type === 'orderedList'
      ? `<ol${start === 1 ? '' : ` start="${start}"`}>`
      : node.type === 'taskList'
        ? '<ul class="task-list">'
        : '<ul>';
  return `${open}\n${items.join('\n')}\n${node.type === 'orderedList' ? '</ol>' : '</ul>'}`;
}

function block(node: PMNode, options: Required<DocumentRenderOptions>): string | null {
  const paragraph = (content: string) => (content ? `<p>${content}</p>` : null);
  switch (node.type) {
    case 'paragraph':
      return paragraph(inline(childrenOf(node)));
    case 'text':
      return paragraph(inline([node]));
    case 'heading': {
      const level = headingLevel(node, options.headingOffset);
      const content = inline(childrenOf(node));
      return content ? `<h${level}>${content}</h${level}>` : null;
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return list(node, options);
    case 'listItem':
    case 'taskItem':
      return list({ type: node.type === 'taskItem' ? 'taskList' : 'bulletList', content: [node] }, options);
    case 'blockquote': {
      const inner = blocks(childrenOf(node), options);
      return inner ? `<blockquote>\n${inner}\n</blockquote>` : null;
    }
    case 'codeBlock': {
      const code = childrenOf(node)
        .map((child) => child.text ?? '')
        .join('');
      if (code.trim() === '') return null;
      const language = codeLanguage(node);
      return `<pre><code${language ? ` class="language-${language}"` : ''}>${escapeHtml(code)}</code></pre>`;
    }
    case 'horizontalRule':
      return '<hr>';
    case 'hardBreak':
      return null;
    default:
      // An unknown node: its text, as a paragraph or as the blocks it holds.
      return hasInlineContent(node) ? paragraph(inline(childrenOf(node))) : blocks(childrenOf(node), options);
  }
}

function blocks(nodes: PMNode[], options: Required<DocumentRenderOptions>): string | null {
  const rendered = nodes.map((node) => block(node, options)).filter((b): b is string => b !== null);
  return rendered.length > 0 ? rendered.join('\n') : null;
}

/**
 * The document as an HTML fragment ('' for an empty document). The document is read within the
 * limits of `prepareDocument`, TRUNCATION_NOTE ending a longer one.
 */
export function documentToHtml(doc: PMNode, options: DocumentRenderOptions = {}): string {
  const prepared = prepareDocument(doc);
  const body = blocks(prepared.blocks, { headingOffset: options.headingOffset ?? 0 });
  const note = prepared.truncated ? `<p>${escapeHtml(TRUNCATION_NOTE)}</p>` : null;
  return [body, note].filter((part): part is string => part !== null).join('\n');
}

function linkOrText(label: string, url: string): string {
  const href = safeHref(url);
  return href ? `${anchor(href)}${escapeHtml(label)}</a>` : escapeHtml(label);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:46rem;margin:0 auto;padding:1.5rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.time-split{font-weight:600}
ul.task-list{list-style:none;padding-left:1.25rem}
pre{background:#f4f4f4;padding:.75rem;overflow:auto}
code{font-family:ui-monospace,monospace}
blockquote{margin-left:0;padding-left:1rem;border-left:3px solid #ccc;color:#444}
footer{margin-top:2rem;border-top:1px solid #ddd;color:#444}`;

function section(title: string, body: string): string {
  return `<section>\n<h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function bulletsOr(items: string[], className?: string): string {
  if (items.length === 0) return `<p>${NONE_RECORDED}</p>`;
  return `<ul${className ? ` class="${className}"` : ''}>\n${items.join('\n')}\n</ul>`;
}

export function minutesToHtml(record: MinutesRecord): string {
  const title = oneLine(record.session.title) || 'Untitled session';
  const time = new Date(sessionTime(record));
  const fields = headerFields(record).map(({ label, value }, i) => {
    const dd =
      i === 0 && !Number.isNaN(time.getTime())
        ? `<time datetime="${time.toISOString()}">${escapeHtml(value)}</time>`
        : escapeHtml(value);
    return `<dt>${escapeHtml(label)}</dt><dd>${dd}</dd>`;
  });
  const body = documentToHtml(minutesBody(record), { headingOffset: 1 });
  // Through oneLine, as in the other formats: control characters out, a line per entry.
  const decisions = record.decisions.map((d) => `<li>${escapeHtml(oneLine(d.text))}</li>`);
  const actions = record.actionItems.map((item) => {
    const details = actionItemDetails(item);
    const box = `<input type="checkbox" disabled${item.done ? ' checked' : ''}>`;
    return `<li class="task-item">${box} ${escapeHtml(oneLine(item.text))}${details ? ` (${escapeHtml(oneLine(details))})` : ''}</li>`;
  });
  const { preparation } = record.session;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src https: data:">
<title>${escapeHtml(title)}: minutes</title>
<style>
${STYLE}
</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(title)}</h1>
<dl class="meta">
${fields.join('\n')}
</dl>
<p class="time-split">${escapeHtml(timeSplitLine(record))}</p>
</header>
${section(EXPORT_HEADINGS.minutes, body || `<p>${EMPTY_MINUTES}</p>`)}
${section(EXPORT_HEADINGS.decisions, bulletsOr(decisions))}
${section(EXPORT_HEADINGS.actionItems, bulletsOr(actions, 'task-list'))}
${
  preparation.length > 0
    ? `${section(EXPORT_HEADINGS.preparation, bulletsOr(preparation.map((p) => `<li>${linkOrText(preparationLabel(p), p.url)}</li>`)))}\n`
    : ''
}<footer>
<p>${escapeHtml(CLOSING_LINE)}</p>
${record.sessionUrl ? `<p>Session page: ${linkOrText(oneLine(record.sessionUrl), record.sessionUrl)}</p>\n` : ''}</footer>
</main>
</body>
</html>
`;
}
