import type { PreparationLink } from '../session.js';
import { bulletList, heading, link, paragraph, paragraphsOf, taskList, text, type PMNode } from './prosemirrorJson.js';

export interface TemplateSession {
  title: string;
  problem?: string;
  contribute?: string;
  preparation: PreparationLink[];
  moderatorName?: string;
}

/** Section headings of the minutes; the export finds decisions and action items by them. */
export const MINUTES_SECTIONS = {
  problem: 'The problem',
  contribute: 'How to contribute',
  preparation: 'Preparation material',
  attendees: 'Attendees',
  discussion: 'Discussion',
  decisions: 'Decisions',
  actionItems: 'Action items',
} as const;

/**
 * The minutes a new session starts from, filled from its proposal. The server writes it once,
 * when the session is created, so two first visitors can never both write it.
 */
export function minutesTemplate(session: TemplateSession): PMNode {
  const placeholder = (value: string) => [paragraph(text(value, [{ type: 'italic' }]))];
  const section = (title: string, body: PMNode[]) => [heading(2, title), ...body];
  return {
    type: 'doc',
    content: [
      heading(1, session.title),
      ...(session.moderatorName ? [paragraph(text(`Moderator: ${session.moderatorName}`))] : []),
      ...section(MINUTES_SECTIONS.problem, session.problem ? paragraphsOf(session.problem) : placeholder('Not stated.')),
      ...section(
        MINUTES_SECTIONS.contribute,
        session.contribute ? paragraphsOf(session.contribute) : placeholder('Not stated.'),
      ),
      ...section(
        MINUTES_SECTIONS.preparation,
        session.preparation.length > 0
          ? [bulletList(session.preparation.map((p) => [paragraph(link(p.url, p.label ?? p.url))]))]
          : placeholder('None.'),
      ),
      ...section(MINUTES_SECTIONS.attendees, [paragraph()]),
      ...section(MINUTES_SECTIONS.discussion, [paragraph()]),
      ...section(MINUTES_SECTIONS.decisions, [bulletList([[paragraph()]])]),
      ...section(MINUTES_SECTIONS.actionItems, [taskList([{ checked: false, content: [paragraph()] }])]),
    ],
  };
}
