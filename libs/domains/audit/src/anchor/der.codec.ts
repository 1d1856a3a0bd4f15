import { AnchorError } from '../audit.errors.js';

/**
 * Just enough DER (ITU-T X.690) for RFC 3161: the universal types a time-stamp request and a TSTInfo use, and
 * context-specific wrappers. Single-byte tags only (every tag in those structures is below 31); lengths must be
 * definite, since DER forbids the indefinite form and a signed structure has one encoding.
 */
export const DER = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OBJECT_IDENTIFIER: 0x06,
  UTF8_STRING: 0x0c,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  /** [n] with the constructed bit, as EXPLICIT tagging and IMPLICIT constructed types use. */
  context: (n: number): number => 0xa0 | n,
} as const;

export interface DerElement {
  /** The identifier octet: class, constructed bit and tag number. */
  readonly tag: number;
  readonly content: Uint8Array;
  /** The whole element, identifier and length included (what signatures and tokens are made of). */
  readonly encoded: Uint8Array;
}

function malformed(reason: string): AnchorError {
  return new AnchorError('audit/anchor_der_malformed', `malformed DER: ${reason}`);
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function derElement(tag: number, content: Uint8Array): Uint8Array {
  const length = encodeLength(content.length);
  const encoded = new Uint8Array(1 + length.length + content.length);
  encoded[0] = tag;
  encoded.set(length, 1);
  encoded.set(content, 1 + length.length);
  return encoded;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function derSequence(...items: readonly Uint8Array[]): Uint8Array {
  return derElement(DER.SEQUENCE, concat(items));
}

/** Two's complement, big-endian, in the fewest bytes (so a positive value with the top bit set gets a 0x00). */
export function derInteger(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(BigInt.asUintN(8, rest));
    bytes.unshift(byte);
    rest >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((rest === 0n && !signBit) || (rest === -1n && signBit)) break;
  }
  return derElement(DER.INTEGER, Uint8Array.from(bytes));
}

export function derBoolean(value: boolean): Uint8Array {
  return derElement(DER.BOOLEAN, Uint8Array.of(value ? 0xff : 0x00));
}

export function derNull(): Uint8Array {
  return derElement(DER.NULL, new Uint8Array());
}

export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derElement(DER.OCTET_STRING, bytes);
}

function base128(value: bigint): number[] {
  const digits = [Number(value & 0x7fn)];
  for (let rest = value >> 7n; rest > 0n; rest >>= 7n) digits.unshift(Number(rest & 0x7fn) | 0x80);
  return digits;
}

/** An OBJECT IDENTIFIER from its dotted form, e.g. '2.16.840.1.101.3.4.2.1'. */
export function derObjectIdentifier(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((arc) => {
    if (!/^(?:0|[1-9][0-9]*)$/.test(arc)) throw malformed(`object identifier ${dotted} has a bad arc`);
    return BigInt(arc);
  });
  if (arcs.length < 2 || arcs[0] > 2n || (arcs[0] < 2n && arcs[1] > 39n)) {
    throw malformed(`object identifier ${dotted} is not valid`);
  }
  const [first, second, ...rest] = arcs;
  return derElement(DER.OBJECT_IDENTIFIER, Uint8Array.from([first * 40n + second, ...rest].flatMap(base128)));
}

/** Reads the element at `offset`; returns it and where the next one starts. */
export function readDer(bytes: Uint8Array, offset = 0): { element: DerElement; next: number } {
  if (offset + 2 > bytes.length) throw malformed('truncated element header');
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw malformed('multi-byte tags are not used by RFC 3161');
  let length = bytes[offset + 1];
  let header = 2;
  if (length === 0x80) throw malformed('indefinite lengths are not DER');
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || offset + 2 + count > bytes.length) throw malformed('length field too long or truncated');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[offset + 2 + i];
    if (length < 0x80 || bytes[offset + 2] === 0) throw malformed('length not in its shortest form');
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw malformed('element runs past the end of its input');
  return {
    element: { tag, content: bytes.subarray(offset + header, end), encoded: bytes.subarray(offset, end) },
    next: end,
  };
}

/** Exactly one element, nothing after it; optionally of an expected tag. */
export function decodeDer(bytes: Uint8Array, tag?: number): DerElement {
  const { element, next } = readDer(bytes);
  if (next !== bytes.length) throw malformed('trailing bytes after the element');
  if (tag !== undefined) expectTag(element, tag, 'element');
  return element;
}

export function expectTag(element: DerElement, tag: number, what: string): DerElement {
  if (element.tag !== tag) {
    throw malformed(`${what} has tag 0x${element.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  }
  return element;
}

/** The elements inside a constructed element, in order. */
export function derChildren(element: DerElement): DerElement[] {
  if ((element.tag & 0x20) === 0) throw malformed('children asked of a primitive element');
  const children: DerElement[] = [];
  for (let offset = 0; offset < element.content.length;) {
    const { element: child, next } = readDer(element.content, offset);
    children.push(child);
    offset = next;
  }
  return children;
}

export function decodeDerInteger(element: DerElement): bigint {
  expectTag(element, DER.INTEGER, 'INTEGER');
  const { content } = element;
  if (content.length === 0) throw malformed('empty INTEGER');
  if (content.length > 1 && ((content[0] === 0 && content[1] < 0x80) || (content[0] === 0xff && content[1] >= 0x80))) {
    throw malformed('INTEGER not in its shortest form');
  }
  let value = 0n;
  for (const byte of content) value = (value << 8n) | BigInt(byte);
  return content[0] >= 0x80 ? value - (1n << BigInt(content.length * 8)) : value;
}

export function decodeDerBoolean(element: DerElement): boolean {
  expectTag(element, DER.BOOLEAN, 'BOOLEAN');
  if (element.content.length !== 1 || (element.content[0] !== 0 && element.content[0] !== 0xff)) {
    throw malformed('a DER BOOLEAN is one byte, 0x00 or 0xFF');
  }
  return element.content[0] === 0xff;
}

export function decodeDerObjectIdentifier(element: DerElement): string {
  expectTag(element, DER.OBJECT_IDENTIFIER, 'OBJECT IDENTIFIER');
  const values: bigint[] = [];
  let current = 0n;
  let pending = false;
  for (const byte of element.content) {
    if (!pending && byte === 0x80) throw malformed('object identifier arc with a leading zero digit');
    current = (current << 7n) | BigInt(byte & 0x7f);
    pending = (byte & 0x80) !== 0;
    if (!pending) {
      values.push(current);
      current = 0n;
    }
  }
  if (pending || values.length === 0) throw malformed('truncated object identifier');
  const [first, ...rest] = values;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...rest].join('.');
}

/** GeneralizedTime as RFC 5280 and RFC 3161 profile it: UTC ('Z'), seconds present, optional fraction. */
export function decodeDerGeneralizedTime(element: DerElement): Date {
  expectTag(element, DER.GENERALIZED_TIME, 'GeneralizedTime');
  const text = new TextDecoder().decode(element.content);
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d*[1-9]))?Z$/.exec(text);
  if (match === null) throw malformed(`GeneralizedTime ${JSON.stringify(text)} is not YYYYMMDDHHMMSS[.f]Z`);
  const [, year, month, day, hour, minute, second, fraction = '0'] = match;
  const millis = Math.floor(Number(`0.${fraction}`) * 1000);
  const time = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, millis);
  if (Number.isNaN(time)) throw malformed(`GeneralizedTime ${text} is not a date`);
  return new Date(time);
}
