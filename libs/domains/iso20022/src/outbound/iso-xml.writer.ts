import { minorUnitDigits } from '@domains/monitoring';
import { escapeXml, withoutNonXmlChars } from '../xml/xml-text.writer.js';

/**
 * A minimal element tree for the messages Verity writes. Text and attribute values are escaped when rendered, so names
 * holding `&`, `<` or any script go out as data; elements whose value is undefined are left out, which is how optional
 * ISO 20022 elements disappear.
 */
export interface XmlElementNode {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly (XmlElementNode | null | undefined)[];
  readonly text?: string;
}

export type XmlChild = XmlElementNode | null | undefined;

/** An element with text; null when `value` is undefined, null or empty (optional elements are left out). */
export function leaf(name: string, value: string | undefined | null, attrs?: Record<string, string>): XmlChild {
  if (value === undefined || value === null || value === '') return null;
  return { name, text: value, attrs };
}

/** An element with children; null when none of them is present (an empty optional group is left out). */
export function node(name: string, ...children: XmlChild[]): XmlChild {
  return children.some((c) => c) ? { name, children } : null;
}

/** An element that is written even when empty (a mandatory group whose parts are all optional, e.g. `<Pty/>`). */
export function requiredNode(name: string, ...children: XmlChild[]): XmlElementNode {
  return { name, children };
}

function render(el: XmlElementNode, out: string[]): void {
  out.push('<', el.name);
  for (const [k, v] of Object.entries(el.attrs ?? {})) out.push(' ', k, '="', escapeXml(v), '"');
  const children = (el.children ?? []).filter((c): c is XmlElementNode => !!c);
  if (el.text === undefined && children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  if (el.text !== undefined) out.push(escapeXml(el.text));
  for (const child of children) render(child, out);
  out.push('</', el.name, '>');
}

/** A complete ISO 20022 document: XML declaration, `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:<type>">`. */
export function renderIsoDocument(messageType: string, body: XmlElementNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  render(
    { name: 'Document', attrs: { xmlns: `urn:iso:std:iso:20022:tech:xsd:${messageType}` }, children: [body] },
    out,
  );
  out.push('\n');
  return out.join('');
}

/**
 * The first `max` characters of `value` (the XSD's MaxNNText counts characters — code points — not bytes or UTF-16
 * units, so 山田太郎 is 4 and a surrogate pair is never split). Whitespace-only values become undefined: the ISO
 * text types require at least one character.
 */
export function isoText(value: string | null | undefined, max: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = withoutNonXmlChars(value).replace(/\s+/g, ' ').trim();
  if (trimmed.length === 0) return undefined;
  const chars = Array.from(trimmed);
  return chars.length <= max ? trimmed : chars.slice(0, max).join('').trimEnd();
}

/**
 * Minor units (a bigint or an integer string, as the database hands them over) → the ISO decimal in major units with
 * exactly the currency's exponent: 12345 EUR → "123.45", 500 JPY → "500", 1234 BHD → "1.234". Never a float.
 */
export function formatMinorAmount(minor: bigint | string, currency: string): string {
  const value = typeof minor === 'bigint' ? minor : BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const exponent = minorUnitDigits(currency);
  if (exponent === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** ISODateTime in UTC without milliseconds (`2026-12-01T10:00:00Z`). */
export function isoDateTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ISODate (UTC calendar day). */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A Max35Text message id: `prefix` + compact UTC timestamp + random hex, unique enough to never repeat. */
export function newMessageId(prefix: string, at: Date, random: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  return `${prefix}${stamp}${random}`.slice(0, 35);
}
