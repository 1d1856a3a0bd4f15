import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FlowGraph } from './flow-graph.builder.js';
import { escapeXml, formatMinor, renderFlowGraphSvg } from './flow-graph.svg.js';

const HOSTILE = `<script>alert("x")</script> & 'Co' \u0001\u000b]]>`;

const graph: FlowGraph = {
  subjects: [{ type: 'customer', id: 'c1' }],
  hops: 2,
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-02-01T00:00:00.000Z',
  nodeCap: 150,
  truncated: true,
  nodes: [
    { id: 'customer:c1', kind: 'customer', label: 'Alice <b>', risk: 'high', isSubject: true, hop: 0 },
    { id: 'counterparty:name:x', kind: 'counterparty', label: HOSTILE, isSubject: false, hop: 1 },
    { id: 'customer:c2', kind: 'customer', label: 'Bob', risk: 'low', isSubject: false, hop: 2 },
  ],
  edges: [
    {
      from: 'customer:c1',
      to: 'counterparty:name:x',
      count: 3,
      totalMinor: '123456',
      currency: 'EUR',
      firstAt: '2026-01-02T00:00:00.000Z',
      lastAt: '2026-01-03T00:00:00.000Z',
    },
    {
      from: 'customer:c2',
      to: 'counterparty:name:x',
      count: 1,
      totalMinor: '5000',
      currency: 'JPY',
      firstAt: '2026-01-02T00:00:00.000Z',
      lastAt: '2026-01-02T00:00:00.000Z',
    },
  ],
};

function allKeys(node: unknown, keys: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => allKeys(n, keys));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      keys.add(k);
      allKeys(v, keys);
    }
  }
  return keys;
}

describe('renderFlowGraphSvg', () => {
  const svg = renderFlowGraphSvg(graph, { maxLabelLength: 200, title: 'Flows of <Alice>' });

  it('is well-formed XML even with markup and control characters in labels', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('keeps a <script> label as text: no script element, no event attribute, the text survives', () => {
    const parsed: unknown = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(svg);
    const keys = allKeys(parsed);
    expect([...keys].some((k) => k.toLowerCase() === 'script')).toBe(false);
    expect([...keys].some((k) => /^@on/i.test(k))).toBe(false);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Co&apos;');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('Flows of &lt;Alice&gt;');
  });

  it('draws one circle per node and one arrow per edge, with amounts in major units', () => {
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.match(/marker-end="url\(#arrow\)"/g)).toHaveLength(2);
    expect(svg).toContain('1,234.56 EUR');
    expect(svg).toContain('5,000 JPY');
    expect(svg).toContain('at most 150 nodes');
  });

  it('is deterministic and puts the subject in the centre', () => {
    expect(renderFlowGraphSvg(graph, { maxLabelLength: 200, title: 'Flows of <Alice>' })).toBe(svg);
    const plain = renderFlowGraphSvg(graph);
    const size = Number(/width="(\d+)"/.exec(plain)?.[1]);
    expect(plain).toContain(`<circle cx="${size / 2}" cy="${size / 2}"`);
  });
});

describe('escapeXml and formatMinor', () => {
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"'\u0000c`)).toBe('a&lt;b&gt;&amp;&quot;&apos;c');
  });

  it('formats minor units with the currency’s digits', () => {
    expect(formatMinor('5', 'USD')).toBe('0.05 USD');
    expect(formatMinor('100000000', 'EUR')).toBe('1,000,000.00 EUR');
    expect(formatMinor('1234', 'BHD')).toBe('1.234 BHD');
  });
});
