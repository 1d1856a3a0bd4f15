/** Escapes text for element content and attribute values (the five XML specials; no other character needs it in UTF-8). */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Drops characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
export function xmlSafeText(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
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
    this.parts.push(`${this.indent()}<${name}${attrs}>${escapeXml(xmlSafeText(text))}</${name}>\n`);
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
