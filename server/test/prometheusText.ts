/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([^ ]+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]Inf|NaN)$/;

/**
 * Parses the text format (0.0.4) strictly, throwing on the first line that is neither a comment nor
 * `name{labels} value`: what a scraper would choke on. Each sample must follow its family's TYPE.
 */
export function parsePrometheusText(text: string): Sample[] {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const typed = new Set<string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${i + 1}: ${JSON.stringify(line)}`;
    if (line.startsWith('#')) {
      const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
      if (!comment) throw new Error(`malformed comment at ${where}`);
      if (comment[1] === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(comment[3]!)) throw new Error(`unknown type at ${where}`);
        typed.add(comment[2]!);
      }
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match || !VALUE.test(match[3]!)) throw new Error(`malformed sample at ${where}`);
    const [, name, labelText = '', valueText] = match;
    const family = name!.replace(/_(bucket|sum|count|total)$/, '');
    if (!typed.has(name!) && !typed.has(family)) throw new Error(`sample before its TYPE at ${where}`);
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < labelText.length) {
      const label = LABEL.exec(labelText);
      if (!label) throw new Error(`malformed labels at ${where}`);
      labels[label[1]!] = label[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: name!, labels, value: Number(valueText!.replace('Inf', 'Infinity')) });
  }
  return samples;
}

/** The value of the one sample with this name and these labels (others may have more labels). */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
