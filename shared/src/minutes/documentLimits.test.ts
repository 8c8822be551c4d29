import { describe, expect, it } from 'vitest';
import { MAX_NESTING, MAX_NODES, cleanText, prepareDocument } from './documentLimits.js';
import { childrenOf, plainText } from './pmInline.js';
import { paragraph, text, type PMNode } from './prosemirrorJson.js';
import { manyParagraphs, nestedLists, nestedQuotes } from './testHostile.js';

const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });

/** How many containers are nested along the first-child path, and the leaves met on the way down. */
function depthOf(blocks: PMNode[]): number {
  let depth = 0;
  let level = blocks;
  for (;;) {
    const container = level.find((node) => node.type === 'blockquote' || node.type.endsWith('List') || node.type === 'listItem');
    if (!container) return depth;
    depth++;
    level = childrenOf(container);
  }
}

describe('cleanText', () => {
  it('makes every line end "\\n" and drops control characters but tab and line feed', () => {
    expect(cleanText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(cleanText('x\u0000\u0007\u001b[31my\u007f\u0085z\tw')).toBe('x[31myz\tw');
    expect(cleanText('é 🙂 \u00a0 –')).toBe('é 🙂 \u00a0 –');
  });
});

describe('prepareDocument', () => {
  it('keeps a shallow document as it is, attributes and marks included', () => {
    const input = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
      { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(text('x', [{ type: 'bold' }]))] }] },
      { type: 'codeBlock', attrs: { language: 'c' }, content: [text('int x;')] },
    );
    expect(prepareDocument(input)).toEqual({ blocks: input.content, truncated: false });
  });

  it(`keeps ${MAX_NESTING} levels of containers and puts the blocks of deeper ones beside each other there`, () => {
    const { blocks } = prepareDocument(doc(nestedQuotes(40, paragraph(text('innermost')))));
    expect(depthOf(blocks)).toBe(MAX_NESTING);
    const all = plainText({ type: 'doc', content: blocks });
    for (let level = 1; level <= 40; level++) expect(all).toContain(`quote ${level} `);
    expect(all).toContain('innermost');
    // Lists count two levels: the list and its item.
    expect(depthOf(prepareDocument(doc(nestedLists(20, paragraph(text('x'))))).blocks)).toBe(MAX_NESTING);
  });

  it('reads an inline node other than text as a text node with its text and marks', () => {
    let mention: PMNode = text('@ada');
    for (let i = 0; i < 5_000; i++) mention = { type: 'mention', content: [mention] };
    const { blocks } = prepareDocument(doc(paragraph(text('Hi '), { ...mention, marks: [{ type: 'bold' }] })));
    expect(blocks).toEqual([paragraph(text('Hi '), text('@ada', [{ type: 'bold' }]))]);
  });

  it(`keeps the first ${MAX_NODES} nodes and says when it left some out`, () => {
    const exact = prepareDocument(doc(...manyParagraphs(MAX_NODES / 2)));
    expect(exact.truncated).toBe(false);
    expect(exact.blocks).toHaveLength(MAX_NODES / 2);
    const over = prepareDocument(doc(...manyParagraphs(MAX_NODES / 2 + 1)));
    expect(over.truncated).toBe(true);
    expect(over.blocks).toHaveLength(MAX_NODES / 2);
    expect(over.blocks.at(-1)).toEqual(paragraph(text(`para ${MAX_NODES / 2 - 1}`)));
  });

  it('cleans the text of text nodes and code blocks', () => {
    const { blocks } = prepareDocument(
      doc(paragraph(text('a\r\nb\u0000')), { type: 'codeBlock', content: [text('x\ry\u001b')] }),
    );
    expect(blocks).toEqual([paragraph(text('a\nb')), { type: 'codeBlock', content: [text('x\ny')] }]);
  });
});
