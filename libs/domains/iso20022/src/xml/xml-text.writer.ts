const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const NON_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `value` without the characters an XML 1.0 document cannot contain (C0 controls other than tab, newline and
 * carriage return, lone surrogates, U+FFFE/U+FFFF).
 */
export function withoutNonXmlChars(value: string): string {
  return value.replace(NON_XML_CHARS, '');
}

/**
 * Escapes XML markup characters for element content and attribute values, and drops the characters XML 1.0 cannot
 * carry at all, so any stored text renders a well-formed document.
 */
export function escapeXml(value: string): string {
  return withoutNonXmlChars(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Cuts text to at most `max` characters (code points, as XSD MaxNNText counts them). */
export function truncateText(value: string, max: number): string {
  const points = Array.from(value);
  return points.length <= max ? value : points.slice(0, max).join('');
}

/**
 * A small streaming writer for generated messages: elements are opened and closed in order, text is escaped, and the
 * result is indented two spaces per level. Nothing user-supplied ever reaches the output unescaped.
 */
export class XmlTextWriter {
  private readonly parts: string[] = ["<?xml version='1.0' encoding='UTF-8'?>\n"];
  private readonly open: string[] = [];

  /** Opens `<name attr="…">`. */
  start(name: string, attributes: Readonly<Record<string, string>> = {}): this {
    const attrs = Object.entries(attributes)
      .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
      .join('');
    this.parts.push(`${this.indent()}<${name}${attrs}>\n`);
    this.open.push(name);
    return this;
  }

  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error('XmlTextWriter: end() without start()');
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  /** `<name>text</name>`; skipped when `text` is null or undefined. */
  leaf(name: string, text: string | null | undefined, attributes: Readonly<Record<string, string>> = {}): this {
    if (text === null || text === undefined) return this;
    const attrs = Object.entries(attributes)
      .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
      .join('');
    this.parts.push(`${this.indent()}<${name}${attrs}>${escapeXml(text)}</${name}>\n`);
    return this;
  }

  toString(): string {
    if (this.open.length > 0) throw new Error(`XmlTextWriter: <${this.open.join('>, <')}> not closed`);
    return this.parts.join('');
  }

  private indent(): string {
    return '  '.repeat(this.open.length);
  }
}
