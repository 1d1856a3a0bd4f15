import { minorUnitDigits } from '@domains/monitoring';
import type { FlowGraph, FlowGraphNode } from './flow-graph.builder.js';

export interface FlowGraphSvgOptions {
  /** Distance between rings (hops), in pixels. Default 170. */
  readonly ringSpacing?: number;
  /** Longest label drawn, in characters (the full label is in the node's tooltip). Default 28. */
  readonly maxLabelLength?: number;
  /** A title drawn at the top. */
  readonly title?: string;
}

// XML 1.0 forbids these characters even escaped; payment data may carry them.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/** Text safe inside an SVG element or attribute: markup characters escaped, characters XML forbids removed. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** `1234567` minor units of EUR → `12,345.67 EUR`. */
export function formatMinor(totalMinor: string, currency: string): string {
  const digits = minorUnitDigits(currency);
  const negative = totalMinor.startsWith('-');
  const abs = (negative ? totalMinor.slice(1) : totalMinor).padStart(digits + 1, '0');
  const major = abs.slice(0, abs.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const minor = digits > 0 ? `.${abs.slice(abs.length - digits)}` : '';
  return `${negative ? '-' : ''}${major}${minor} ${currency}`;
}

const KIND_FILL: Record<FlowGraphNode['kind'], string> = {
  customer: '#1677ff',
  account: '#722ed1',
  counterparty: '#8c8c8c',
};
const RISK_STROKE: Record<string, string> = { high: '#cf1322', medium: '#d48806', low: '#389e0d' };

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * Draws a money-flow graph as a standalone SVG document, deterministically (the same graph gives the same bytes):
 * the subject in the centre, each hop on its own ring with its nodes in id order, an arrow per edge in the money's
 * direction with a width growing with the amount (relative to the largest edge of the same currency). Every label
 * comes from payment data and is escaped; the document holds no script, no external reference and no event
 * attribute. Also used by the reporting domain to put the graph into a PDF.
 */
export function renderFlowGraphSvg(graph: FlowGraph, options: FlowGraphSvgOptions = {}): string {
  const ringSpacing = options.ringSpacing ?? 170;
  const maxLabel = options.maxLabelLength ?? 28;
  const maxHop = Math.max(0, ...graph.nodes.map((n) => n.hop));
  const margin = 140;
  const header = options.title ? 40 : 0;
  const size = 2 * (maxHop * ringSpacing + margin);
  const cx = size / 2;
  const cy = size / 2 + header;

  const position = new Map<string, { x: number; y: number }>();
  for (let hop = 0; hop <= maxHop; hop++) {
    const ring = graph.nodes.filter((n) => n.hop === hop).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    ring.forEach((node, i) => {
      if (hop === 0 && ring.length === 1) {
        position.set(node.id, { x: cx, y: cy });
        return;
      }
      const radius = hop === 0 ? ringSpacing / 3 : hop * ringSpacing;
      // Offset each ring by half a step so that nodes of consecutive rings do not line up.
      const angle = (2 * Math.PI * (i + (hop % 2) * 0.5)) / ring.length - Math.PI / 2;
      position.set(node.id, { x: round(cx + radius * Math.cos(angle)), y: round(cy + radius * Math.sin(angle)) });
    });
  }

  const maxByCurrency = new Map<string, bigint>();
  for (const e of graph.edges) {
    const total = BigInt(e.totalMinor);
    if (total > (maxByCurrency.get(e.currency) ?? 0n)) maxByCurrency.set(e.currency, total);
  }

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + header}" viewBox="0 0 ${size} ${size + header}" font-family="sans-serif" font-size="11">`,
  );
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#595959"/></marker></defs>',
  );
  out.push(`<rect x="0" y="0" width="${size}" height="${size + header}" fill="#ffffff"/>`);
  if (options.title) {
    out.push(`<text x="${cx}" y="26" text-anchor="middle" font-size="15">${escapeXml(options.title)}</text>`);
  }
  if (graph.truncated) {
    out.push(
      `<text x="8" y="${size + header - 8}" fill="#cf1322">${escapeXml(`Only the largest flows are drawn (at most ${graph.nodeCap} nodes).`)}</text>`,
    );
  }

  const nodeRadius = 14;
  out.push('<g class="edges">');
  for (const e of graph.edges) {
    const a = position.get(e.from);
    const b = position.get(e.to);
    if (!a || !b) continue;
    const max = maxByCurrency.get(e.currency) ?? 1n;
    const ratio = max > 0n ? Number((BigInt(e.totalMinor) * 1000n) / max) / 1000 : 0;
    const width = round(1 + 5 * Math.sqrt(Math.max(0, ratio)));
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    // Stop at the nodes' rims so that the arrow heads stay visible.
    const x1 = round(a.x + (dx / length) * nodeRadius);
    const y1 = round(a.y + (dy / length) * nodeRadius);
    const x2 = round(b.x - (dx / length) * (nodeRadius + 2));
    const y2 = round(b.y - (dy / length) * (nodeRadius + 2));
    const amount = formatMinor(e.totalMinor, e.currency);
    out.push(
      `<g><title>${escapeXml(`${e.count} × ${amount}, ${e.firstAt.slice(0, 10)} – ${e.lastAt.slice(0, 10)}`)}</title>` +
        `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#8c8c8c" stroke-opacity="0.8" stroke-width="${width}" marker-end="url(#arrow)"/>` +
        `<text x="${round((x1 + x2) / 2)}" y="${round((y1 + y2) / 2 - 4)}" text-anchor="middle" fill="#434343" font-size="9">${escapeXml(amount)}</text></g>`,
    );
  }
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const n of graph.nodes) {
    const p = position.get(n.id);
    if (!p) continue;
    const stroke = n.risk ? (RISK_STROKE[n.risk] ?? '#595959') : '#595959';
    const r = n.isSubject ? nodeRadius + 4 : nodeRadius;
    out.push(
      `<g><title>${escapeXml(`${n.kind}: ${n.label}${n.risk ? ` (risk ${n.risk})` : ''}`)}</title>` +
        `<circle cx="${p.x}" cy="${p.y}" r="${r}" fill="${KIND_FILL[n.kind]}" stroke="${stroke}" stroke-width="${n.isSubject ? 4 : 2}"/>` +
        `<text x="${p.x}" y="${round(p.y + r + 13)}" text-anchor="middle" fill="#1f1f1f"${n.isSubject ? ' font-weight="bold"' : ''}>${escapeXml(shorten(n.label, maxLabel))}</text></g>`,
    );
  }
  out.push('</g>');

  out.push('</svg>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out.join('\n')}\n`;
}
