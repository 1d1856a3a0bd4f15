import { Iso20022Error } from '../iso20022.errors.js';

/** Bounds applied to an untrusted XML body before any parser sees it. */
export interface XmlInputLimits {
  readonly maxBytes: number;
  /** Deepest element nesting accepted (ISO 20022 messages stay well under 20; the envelope adds two). */
  readonly maxDepth: number;
}

export const DEFAULT_XML_MAX_DEPTH = 64;

/** Any DTD construct: DOCTYPE (internal subset or external DTD), entity, element and attribute-list declarations. */
const DTD_MARKUP = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const DECLARED_ENCODING = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The safe-input guard: every check that can be made on the bytes, before parsing, each linear in the size of the
 * body, so that none of them can be made slow by a crafted message:
 *  - size (the reader already stopped at the limit; checked again here for callers with a buffer),
 *  - UTF-8 only (a UTF-16 byte-order mark, invalid UTF-8, or a declared encoding other than UTF-8 → 400),
 *  - no DTD at all (`<!DOCTYPE`, `<!ENTITY`… anywhere, any case → 400 `iso20022/dtd_forbidden`): this refuses XXE,
 *    external DTDs and entity-expansion bombs ("billion laughs") without relying on parser settings,
 *  - element nesting depth (one pass over the tags → 400 `iso20022/nesting_too_deep`), so 10,000-deep nesting
 *    costs a scan of its bytes, not a parser's recursion.
 * Answers the decoded text (without a UTF-8 byte-order mark).
 */
export function guardXmlInput(body: Uint8Array, limits: XmlInputLimits): string {
  if (body.byteLength > limits.maxBytes) {
    throw new Iso20022Error(
      'iso20022/body_too_large',
      'too_large',
      `The message is larger than ${limits.maxBytes} bytes`,
    );
  }
  if (body.byteLength === 0) {
    throw new Iso20022Error('iso20022/malformed_xml', 'invalid', 'The request body is empty');
  }
  if (
    (body[0] === 0xfe && body[1] === 0xff) ||
    (body[0] === 0xff && body[1] === 0xfe) ||
    body[0] === 0x00 ||
    body[1] === 0x00
  ) {
    throw encoding('The message is UTF-16 or UTF-32; only UTF-8 is accepted');
  }
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw encoding('The message is not valid UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const declared = DECLARED_ENCODING.exec(text)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw encoding(`The message declares encoding "${declared}"; only UTF-8 is accepted`);
  }
  const dtd = DTD_MARKUP.exec(text);
  if (dtd) {
    throw new Iso20022Error(
      'iso20022/dtd_forbidden',
      'invalid',
      `The message contains a DTD declaration (<!${dtd[1].toUpperCase()}); DTDs and entities are refused`,
    );
  }
  assertDepth(text, limits.maxDepth);
  return text;
}

function encoding(message: string): Iso20022Error {
  return new Iso20022Error('iso20022/encoding_unsupported', 'invalid', message);
}

/**
 * One pass over the markup, counting open elements. Comments, CDATA sections and processing instructions are skipped
 * whole (a `<` inside them is not a tag); quoted attribute values may hold `>`. Malformed markup is left for the
 * parser to report: this scan only has to bound the depth.
 */
export function assertDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    const next = text.charCodeAt(i + 1);
    if (text.startsWith('<!--', i)) {
      i = skipTo(text, '-->', i + 4);
    } else if (text.startsWith('<![CDATA[', i)) {
      i = skipTo(text, ']]>', i + 9);
    } else if (next === 0x3f /* ? */ || next === 0x21 /* ! */) {
      i = skipTo(text, '>', i + 2);
    } else if (next === 0x2f /* / */) {
      depth -= 1;
      i = skipTo(text, '>', i + 2);
    } else {
      const end = tagEnd(text, i + 1);
      if (end === -1) return;
      if (text.charCodeAt(end - 1) !== 0x2f /* / */) {
        depth += 1;
        if (depth > maxDepth) {
          throw new Iso20022Error(
            'iso20022/nesting_too_deep',
            'invalid',
            `Elements nest deeper than ${maxDepth} levels`,
          );
        }
      }
      i = end + 1;
    }
    i = i === -1 ? -1 : text.indexOf('<', i);
  }
}

function skipTo(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at === -1 ? -1 : at + marker.length;
}

/** The index of the `>` closing a start tag, skipping quoted attribute values; -1 when there is none. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j;
  }
  return -1;
}
