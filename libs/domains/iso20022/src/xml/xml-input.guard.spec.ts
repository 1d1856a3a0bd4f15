import { describe, expect, it } from 'vitest';
import { Iso20022Error } from '../iso20022.errors.js';
import { guardXmlInput } from './xml-input.guard.js';

const limits = { maxBytes: 1024 * 1024, maxDepth: 64 };
const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof Iso20022Error ? error.code : 'other';
  }
}

describe('guardXmlInput', () => {
  it('passes a plain UTF-8 message through, without a byte-order mark', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?><Document><a>Ünïcödé 北京</a></Document>';
    expect(guardXmlInput(bytes(`\uFEFF${text}`), limits)).toBe(text);
  });

  it('refuses XXE: an external entity in an internal DTD subset', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>';
    expect(codeOf(() => guardXmlInput(bytes(xxe), limits))).toBe('iso20022/dtd_forbidden');
  });

  it('refuses the billion laughs entity expansion', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';
    expect(codeOf(() => guardXmlInput(bytes(lol), limits))).toBe('iso20022/dtd_forbidden');
  });

  it('refuses an external DTD and DTD markup in any case, anywhere', () => {
    expect(codeOf(() => guardXmlInput(bytes('<!doctype Document SYSTEM "http://x/d.dtd"><Document/>'), limits))).toBe(
      'iso20022/dtd_forbidden',
    );
    expect(codeOf(() => guardXmlInput(bytes('<Document><a/><!EnTiTy x "y"></Document>'), limits))).toBe(
      'iso20022/dtd_forbidden',
    );
  });

  it('refuses 10,000-deep nesting before parsing, and accepts nesting at the bound', () => {
    const deep = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    expect(codeOf(() => guardXmlInput(bytes(deep), limits))).toBe('iso20022/nesting_too_deep');
    const atBound = `${'<a x="1>2">'.repeat(64)}<b/>${'</a>'.repeat(64)}`;
    expect(codeOf(() => guardXmlInput(bytes(atBound), limits))).toBeNull();
    expect(codeOf(() => guardXmlInput(bytes(`<r>${'<a>'.repeat(64)}</r>`), limits))).toBe('iso20022/nesting_too_deep');
  });

  it('does not count tags inside comments and CDATA sections', () => {
    const text = `<r><!-- ${'<a>'.repeat(100)} --><![CDATA[${'<a>'.repeat(100)}]]></r>`;
    expect(codeOf(() => guardXmlInput(bytes(text), limits))).toBeNull();
  });

  it('refuses a body over the size bound, UTF-16, invalid UTF-8 and other declared encodings', () => {
    expect(codeOf(() => guardXmlInput(new Uint8Array(2048), { maxBytes: 1024, maxDepth: 64 }))).toBe(
      'iso20022/body_too_large',
    );
    expect(codeOf(() => guardXmlInput(Buffer.from('\uFEFF<Document/>', 'utf16le'), limits))).toBe(
      'iso20022/encoding_unsupported',
    );
    expect(codeOf(() => guardXmlInput(Uint8Array.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c]), limits))).toBe(
      'iso20022/encoding_unsupported',
    );
    expect(codeOf(() => guardXmlInput(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a/>'), limits))).toBe(
      'iso20022/encoding_unsupported',
    );
    expect(codeOf(() => guardXmlInput(new Uint8Array(), limits))).toBe('iso20022/malformed_xml');
  });
});
