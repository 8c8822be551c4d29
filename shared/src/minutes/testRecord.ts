/**
 * Records for tests of the minutes exports (here and in the server): one realistic session whose
 * minutes hold every node and mark the editor can produce.
 */
import type { MinutesRecord } from './minutesRecord.js';
import { extractMinutesItems } from './minutesItems.js';
import { bulletList, heading, link, paragraph, taskList, text, type PMNode } from './prosemirrorJson.js';
import { MINUTES_SECTIONS } from './template.js';

export const SAMPLE_START = Date.UTC(2026, 10, 25, 14, 0);

/** Minutes using every node and mark of the editor (StarterKit, task lists, links). */
export function sampleMinutesDoc(title = 'vTPM migration'): PMNode {
  return {
    type: 'doc',
    content: [
      heading(1, title),
      paragraph(text('Moderator: Ada Lovelace')),
      heading(2, MINUTES_SECTIONS.discussion),
      paragraph(
        text('We looked at '),
        text('bold', [{ type: 'bold' }]),
        text(', '),
        text('italic', [{ type: 'italic' }]),
        text(', '),
        text('struck', [{ type: 'strike' }]),
        text(' and '),
        text('qemu_migrate()', [{ type: 'code' }]),
        text(' with the '),
        link('https://example.org/design', 'design doc'),
        text('.'),
        { type: 'hardBreak' },
        text('Second line.'),
      ),
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [
          { type: 'listItem', content: [paragraph(text('Third point'))] },
          {
            type: 'listItem',
            content: [paragraph(text('Fourth point')), bulletList([[paragraph(text('A nested detail'))]])],
          },
        ],
      },
      { type: 'blockquote', content: [paragraph(text('Quoted remark from the list.'))] },
      { type: 'codeBlock', attrs: { language: 'c' }, content: [text('int main(void) {\n  return 0;\n}')] },
      { type: 'horizontalRule' },
      paragraph(text('Decision: keep the old ABI')),
      paragraph(text('TODO: @bob measure the downtime by 2026-12-01')),
      heading(2, MINUTES_SECTIONS.decisions),
      bulletList([[paragraph(text('Ship v2 in January'))], [paragraph()]]),
      heading(2, MINUTES_SECTIONS.actionItems),
      taskList([
        { checked: false, content: [paragraph(text('Write the spec (owner: Carol Danvers, due 2026-12-15)'))] },
        { checked: true, content: [paragraph(text('Book the room'))] },
        { checked: false, content: [paragraph()] },
      ]),
    ],
  };
}

export function sampleRecord(overrides: Partial<MinutesRecord> = {}): MinutesRecord {
  const minutes = overrides.minutes ?? sampleMinutesDoc(overrides.session?.title);
  const durationMs = 50 * 60_000;
  return {
    session: {
      id: 'sess-1',
      title: 'vTPM migration',
      durationMinutes: 50,
      presentationCapMs: 750_000,
      capacity: 30,
      problem: 'State is lost.',
      preparation: [{ url: 'https://example.org/slides.pdf', label: 'Slides' }],
      moderatorName: 'Ada Lovelace',
      mailingList: 'xen-devel@example.org',
      createdAt: '2026-11-01T10:00:00.000Z',
    },
    room: 'Room B',
    timer: {
      sessionId: 'sess-1',
      phase: 'ended',
      serverNow: SAMPLE_START + durationMs,
      startedAt: SAMPLE_START,
      endsAt: SAMPLE_START + durationMs,
      durationMs,
      presentationCapMs: 750_000,
      presentationUsedMs: 9 * 60_000,
      capReached: false,
      log: [],
    },
    attendees: [
      { name: 'Ada Lovelace', role: 'moderator', firstSeenAt: SAMPLE_START },
      { name: 'Bob Builder', role: 'attendee', firstSeenAt: SAMPLE_START + 1000 },
      { name: 'Carol Danvers', role: 'attendee', firstSeenAt: SAMPLE_START + 2000 },
    ],
    minuteTaker: 'Bob Builder',
    ...extractMinutesItems(minutes),
    questions: [],
    sessionUrl: 'https://roundtable.example.org/s/sess-1',
    asOf: SAMPLE_START + durationMs,
    ...overrides,
    minutes,
  };
}
