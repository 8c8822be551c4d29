/**
 * Decisions and action items, read out of the minutes as written: the minute-taker only types, the
 * export finds them. The rules are deliberately few so that people can learn them:
 *
 * - A "unit" is a paragraph, or a list or task item (its own text: nested lists are units of their
 *   own). Headings and code blocks are never units. Marks are dropped, a hard break reads as a space.
 * - A task item is always an action item (done when checked).
 * - Otherwise a unit starting "Decision:" or "Decided:" is a decision, one starting "Action:" or
 *   "TODO:" an action item (case-insensitive; the prefix is removed). A prefix wins over the section.
 * - Otherwise a unit under a heading "Decisions" / "Action items" (any level, case-insensitive, up to
 *   the next heading of the same or a higher level) is a decision / an action item.
 * - In action items: "due YYYY-MM-DD", "due: YYYY-MM-DD" or "by YYYY-MM-DD" anywhere sets the due
 *   date (the first valid date); "@handle" at the very start, else "(owner: Name)" anywhere, sets
 *   the owner. The markers are removed from the text.
 * - Empty units (the template's placeholders) are skipped; an item that occurs twice (same text,
 *   ignoring case and spacing) is kept once, at its first place, taking an owner, a due date or a
 *   done state from the later one where the first has none.
 * - An item's text is cut to ITEM_TEXT_LIMIT characters (ending in "…") before it is read, so owner
 *   and due date are found in that much of it only. The document is read within the limits of
 *   `prepareDocument` (its first MAX_NODES nodes).
 *
 * Every pattern here runs in linear time, since the text is anyone's: no pattern can try a long
 * run of characters again from each of its positions.
 */
import { prepareDocument } from './documentLimits.js';
import type { ActionItem, Decision } from './minutesRecord.js';
import type { PMNode } from './prosemirrorJson.js';
import { ITEM_TYPES, LIST_TYPES, childrenOf, hasInlineContent, headingLevel, isChecked, plainText } from './pmInline.js';
import { MINUTES_SECTIONS } from './template.js';

export interface MinutesItems {
  decisions: Decision[];
  actionItems: ActionItem[];
}

type Section = 'decisions' | 'actionItems';

interface Unit {
  text: string;
  /** A task item's checked state; null for anything else. */
  checked: boolean | null;
  section: Section | null;
}

const DECISION_PREFIX = /^(?:decision|decided)\s*:\s*/i;
const ACTION_PREFIX = /^(?:action|todo)\s*:\s*/i;
const DUE = /\b(?:due|by)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b/gi;
const HANDLE = /^@([^\s:,;()[\]]+)/;

/** The longest item text, in UTF-16 units, "…" included; longer text is cut. */
export const ITEM_TEXT_LIMIT = 2_000;

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** `value` cut to ITEM_TEXT_LIMIT, with "…" where it was cut (never inside a surrogate pair). */
function capItemText(value: string): string {
  if (value.length <= ITEM_TEXT_LIMIT) return value;
  let end = ITEM_TEXT_LIMIT - 1;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end).trimEnd()}…`;
}

/** `value` without the characters of `set` at its end (a loop: `/[...]+$/` is quadratic). */
function trimEndOf(value: string, set: string): string {
  let end = value.length;
  while (end > 0 && set.includes(value[end - 1]!)) end--;
  return value.slice(0, end);
}

/** `value` without the characters of `set` at either end. */
function trimOf(value: string, set: string): string {
  let start = 0;
  while (start < value.length && set.includes(value[start]!)) start++;
  return trimEndOf(value.slice(start), set);
}

/**
 * `value` with every "(owner: Name)" replaced by a space, `found` called with each Name in order.
 * By hand, not `/\(\s*owner\s*:\s*([^)]*)\)/g`: that scans to the end of the text from every
 * "(owner:" without a ")", quadratic in a text of many.
 */
function removeOwners(value: string, found: (name: string) => void): string {
  const opener = /\(\s*owner\s*:\s*/gi;
  let out = '';
  let from = 0;
  for (let match = opener.exec(value); match !== null; match = opener.exec(value)) {
    const close = value.indexOf(')', opener.lastIndex);
    // No ")" after this opener, so none after any later one either: nothing more to find.
    if (close === -1) break;
    found(value.slice(opener.lastIndex, close));
    out += `${value.slice(from, match.index)} `;
    from = close + 1;
    opener.lastIndex = from;
  }
  return out + value.slice(from);
}

/**
 * `value` without each run of ",;:" that comes right before one of ".!?)" ("done,." reads
 * "done."). A loop: `/[,;:]+([.!?)])/g` tries a long run again from each of its characters.
 */
function dropPunctuationBeforeEnd(value: string): string {
  const isRun = (c: string | undefined) => c === ',' || c === ';' || c === ':';
  const parts: string[] = [];
  let kept = 0; // value[kept..] is still to be copied
  for (let i = 0; i < value.length; ) {
    if (!isRun(value[i])) {
      i++;
      continue;
    }
    let end = i;
    while (isRun(value[end])) end++;
    const next = value[end];
    if (next === '.' || next === '!' || next === '?' || next === ')') {
      parts.push(value.slice(kept, i));
      kept = end;
    }
    i = end;
  }
  parts.push(value.slice(kept));
  return parts.join('');
}

function sectionOf(heading: PMNode): Section | null {
  const title = collapse(plainText(heading)).replace(/:$/, '').toLowerCase();
  if (title === MINUTES_SECTIONS.decisions.toLowerCase()) return 'decisions';
  if (title === MINUTES_SECTIONS.actionItems.toLowerCase()) return 'actionItems';
  return null;
}

function collectUnits(doc: PMNode): Unit[] {
  const units: Unit[] = [];
  // Open headings, outermost first: a unit belongs to the innermost one that names a section.
  const headings: { level: number; section: Section | null }[] = [];
  const currentSection = () => [...headings].reverse().find((h) => h.section !== null)?.section ?? null;
  const visit = (node: PMNode): void => {
    if (node.type === 'heading') {
      const level = headingLevel(node);
      while ((headings.at(-1)?.level ?? 0) >= level) headings.pop();
      headings.push({ level, section: sectionOf(node) });
    } else if (ITEM_TYPES.has(node.type)) {
      const checked = node.type === 'taskItem' ? isChecked(node) : null;
      units.push({ text: plainText(node, true), checked, section: currentSection() });
      childrenOf(node).filter((child) => LIST_TYPES.has(child.type)).forEach(visit);
    } else if (node.type === 'codeBlock') {
      // Code is quoted material, never an item.
    } else if (node.type === 'paragraph' || hasInlineContent(node)) {
      units.push({ text: plainText(node), checked: null, section: currentSection() });
    } else {
      childrenOf(node).forEach(visit);
    }
  };
  visit(doc);
  return units;
}

function isValidDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Leftovers of removed markers: "Send it ( , )." reads "Send it." Linear: after `collapse` a run
 * of spaces is one space long, and every step keeps it so (the first step can leave two spaces
 * together, and the next one joins them again), so each pattern does a bounded amount of work at
 * each position; runs of ",;:" and the ends are handled by loops.
 */
function tidy(value: string): string {
  const text = collapse(value)
    .replace(/\(\s*[,;:]?\s*\)/g, '')
    .replace(/ {2,}/g, ' ')
    .replace(/\(\s*[,;:]\s*/g, '(')
    .replace(/\s*[,;:]\s*\)/g, ')')
    .replace(/\s+([,.;:!?)])/g, '$1');
  return trimOf(dropPunctuationBeforeEnd(text).replace(/\s{2,}/g, ' '), ' ,;:-–—');
}

/** Reads owner and due date out of an action item's text; see the module comment for the rules. */
export function parseActionItem(text: string, done = false): ActionItem {
  let rest = capItemText(collapse(text)).replace(ACTION_PREFIX, '');
  let due: string | null = null;
  for (const match of rest.matchAll(DUE)) {
    const [whole, year, month, day] = match;
    if (!isValidDate(Number(year), Number(month), Number(day))) continue;
    due = `${year}-${month}-${day}`;
    rest = rest.slice(0, match.index) + rest.slice(match.index + whole.length);
    break;
  }
  rest = collapse(rest);
  let owner: string | null = null;
  const handle = HANDLE.exec(rest);
  const handleName = handle?.[1] === undefined ? undefined : trimEndOf(handle[1], '.!?-–—');
  if (handle && handleName) {
    owner = handleName;
    rest = rest.slice(handle[0].length).replace(/^\s*[:,;\-–—]?\s*/, '');
  }
  rest = removeOwners(rest, (name) => {
    owner ??= tidy(name) || null;
  });
  return { text: tidy(rest), owner, due, done };
}

function classify(unit: Unit): { decision: string } | { action: ActionItem } | null {
  const text = capItemText(collapse(unit.text));
  if (!text) return null;
  if (unit.checked !== null) return { action: parseActionItem(text, unit.checked) };
  if (DECISION_PREFIX.test(text)) return { decision: tidy(text.replace(DECISION_PREFIX, '')) };
  if (ACTION_PREFIX.test(text) || unit.section === 'actionItems') return { action: parseActionItem(text) };
  if (unit.section === 'decisions') return { decision: tidy(text) };
  return null;
}

export function extractMinutesItems(doc: PMNode): MinutesItems {
  const decisions = new Map<string, Decision>();
  const actionItems = new Map<string, ActionItem>();
  for (const unit of collectUnits({ type: 'doc', content: prepareDocument(doc).blocks })) {
    const found = classify(unit);
    if (!found) continue;
    if ('decision' in found) {
      const key = found.decision.toLowerCase();
      if (found.decision && !decisions.has(key)) decisions.set(key, { text: found.decision });
      continue;
    }
    const item = found.action;
    if (!item.text) continue;
    const key = item.text.toLowerCase();
    const first = actionItems.get(key);
    if (!first) actionItems.set(key, item);
    else {
      first.owner ??= item.owner;
      first.due ??= item.due;
      first.done ||= item.done;
    }
  }
  return { decisions: [...decisions.values()], actionItems: [...actionItems.values()] };
}
