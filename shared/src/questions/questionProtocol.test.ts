import { describe, expect, it } from 'vitest';
import { askSchema, cleanQuestionName, cleanQuestionText } from './questionProtocol.js';

const ask = (name: string, text: string) => askSchema.safeParse({ name, text });

describe('cleaning what a follower asks', () => {
  it('makes a name one line: whitespace runs are one space, other controls go', () => {
    expect(cleanQuestionName('  Remote\t\tRhea\r\n(Berlin) ')).toBe('Remote Rhea (Berlin)');
    expect(cleanQuestionName('Rh\u0000e\u0007a\u007F \u0085\u009B Z')).toBe('Rhea Z');
    expect(cleanQuestionName('a \u0001 b\u000B\u000Cc\u00A0 d')).toBe('a b c d');
    expect(cleanQuestionName('Zoë 🙂')).toBe('Zoë 🙂');
  });

  it('keeps a text\'s newlines and tabs, and drops every other control character', () => {
    expect(cleanQuestionText('  Line one\r\nline\ttwo\rthree\n\n')).toBe('Line one\nline\ttwo\nthree');
    expect(cleanQuestionText('bell\u0007 esc\u001B[31m red\u009B nel\u0085 del\u007F')).toBe('bell esc[31m red nel del');
    expect(cleanQuestionText('ünïcødé 🙂\u2028x')).toBe('ünïcødé 🙂\u2028x');
  });

  it('keeps text well-formed, so SQLite and Redis read back the same', () => {
    expect(cleanQuestionName('R\uD800')).toBe('R\uFFFD');
    expect(cleanQuestionText('a\uDC00b \uD83D\uDE42')).toBe('a\uFFFDb \uD83D\uDE42');
  });

  it('stores what is cleaned, and measures it after cleaning', () => {
    expect(ask(' Rhea\n', 'Why\u0000?\r\n')).toEqual({ success: true, data: { name: 'Rhea', text: 'Why?' } });
    expect(ask('Rhea', `${'x'.repeat(500)}\u0000\u0000`).success).toBe(true);
  });

  it('refuses a name or a text that is nothing but controls and whitespace', () => {
    const emptyName = ask('\u0000\t\u0085 ', 'Why?');
    expect(emptyName.success).toBe(false);
    expect(emptyName.error?.issues).toMatchObject([{ path: ['name'], message: 'a name is needed' }]);
    const emptyText = ask('Rhea', '\u0007\r\n\t\u009F');
    expect(emptyText.success).toBe(false);
    expect(emptyText.error?.issues).toMatchObject([{ path: ['text'], message: 'the question is empty' }]);
  });
});
