/**
 * A minimal XML element tree and serialiser for the report renderers: elements in schema order, text escaped, no
 * mixed content. Empty optional values are dropped by the renderers before they reach here (`el()` skips children that
 * are `undefined`), so a missing optional field never becomes an empty element by accident.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text?: string;
}

type Child = XmlElement | undefined | false | null | readonly (XmlElement | undefined | false | null)[];

function escapeXml(value: string, attribute: boolean): string {
  let out = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;');
  // Characters XML 1.0 forbids (controls other than TAB, LF, CR) are dropped rather than producing an unparsable file.
  // eslint-disable-next-line no-control-regex
  return out.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/\r/g, '&#13;');
}

/** An element with child elements (`undefined`/`false` children are skipped; arrays are flattened). */
export function el(name: string, attributes: Record<string, string>, ...children: Child[]): XmlElement {
  const flat: XmlElement[] = [];
  for (const child of children) {
    if (Array.isArray(child)) {
      for (const item of child as readonly (XmlElement | undefined | false | null)[]) if (item) flat.push(item);
    } else if (child) flat.push(child as XmlElement);
  }
  return { name, attributes, children: flat };
}

/** A text element, or `undefined` (skipped by `el`) when the value is absent. */
export function text(name: string, value: string | number | undefined | null, attributes: Record<string, string> = {}) {
  if (value === undefined || value === null) return undefined;
  return { name, attributes, children: [], text: String(value) } satisfies XmlElement;
}

function write(element: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(element.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value, true)}"`)
    .join('');
  if (element.text !== undefined) {
    out.push(`${pad}<${element.name}${attrs}>${escapeXml(element.text, false)}</${element.name}>`);
  } else if (element.children.length === 0) {
    out.push(`${pad}<${element.name}${attrs}/>`);
  } else {
    out.push(`${pad}<${element.name}${attrs}>`);
    for (const child of element.children) write(child, depth + 1, out);
    out.push(`${pad}</${element.name}>`);
  }
}

/** The document as UTF-8 text with an XML declaration, two-space indented, LF line endings, final newline. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
