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
 */
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
const OWNER = /\(\s*owner\s*:\s*([^)]*)\)/gi;

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
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

/** Leftovers of removed markers: "Send it ( , )." reads "Send it." */
function tidy(value: string): string {
  return collapse(value)
    .replace(/\(\s*[,;:]?\s*\)/g, '')
    .replace(/\(\s*[,;:]\s*/g, '(')
    .replace(/\s*[,;:]\s*\)/g, ')')
    .replace(/\s+([,.;:!?)])/g, '$1')
    .replace(/[,;:]+([.!?)])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,;:\-–—]+|[\s,;:\-–—]+$/g, '');
}

/** Reads owner and due date out of an action item's text; see the module comment for the rules. */
export function parseActionItem(text: string, done = false): ActionItem {
  let rest = collapse(text).replace(ACTION_PREFIX, '');
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
  const handleName = handle?.[1]?.replace(/[.!?\-–—]+$/, '');
  if (handle && handleName) {
    owner = handleName;
    rest = rest.slice(handle[0].length).replace(/^\s*[:,;\-–—]?\s*/, '');
  }
  rest = rest.replace(OWNER, (_whole, name: string) => {
    owner ??= tidy(name) || null;
    return ' ';
  });
  return { text: tidy(rest), owner, due, done };
}

function classify(unit: Unit): { decision: string } | { action: ActionItem } | null {
  const text = collapse(unit.text);
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
  for (const unit of collectUnits(doc)) {
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
