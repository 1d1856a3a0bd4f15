import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { canonicalJson, canonicalJsonBytes } from './canonical-json.encoder.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

function fromIeee754(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

/*
 * Input/output pairs from the JCS reference test data (cyberphone/json-canonicalization, testdata/input and
 * testdata/output, by RFC 8785's first author). `values` is the RFC 8785 §3.2.2 example with "string" renamed.
 */
const REFERENCE_DATA: [string, string, string][] = [
  [
    'values',
    '{\n  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n  "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
    '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
  ],
  [
    'structures',
    '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
    '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
  ],
  [
    'weird',
    '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}',
    '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😂":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  ],
  [
    'french',
    '{\n  "peach": "This sorting order",\n  "péché": "is wrong according to French",\n  "pêche": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}',
    '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
  ],
  ['unicode', '{\n  "Unnormalized Unicode":"\\u1e0d\\u0307"\n}', '{"Unnormalized Unicode":"\u1e0d\u0307"}'],
  [
    'arrays',
    '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]',
    '[56,{"1":[],"10":null,"d":true}]',
  ],
];

/* RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialization. */
const NUMBER_SAMPLES: [string, string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

describe('canonicalJson', () => {
  it.each(REFERENCE_DATA)('canonicalizes the reference %s data', (_, input, output) => {
    expect(canonicalJson(JSON.parse(input))).toBe(output);
  });

  it('sorts members by UTF-16 code units as in RFC 8785 §3.2.3', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each(NUMBER_SAMPLES)('serializes the IEEE 754 value %s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    expect(canonicalJson(fromIeee754(bits))).toBe(expected);
  });

  it('refuses NaN and the infinities (Appendix B 7fffffffffffffff, 7ff0000000000000)', () => {
    expect(codeOf(() => canonicalJson(fromIeee754('7fffffffffffffff')))).toBe('audit/canonical_json_non_finite_number');
    expect(codeOf(() => canonicalJson(fromIeee754('7ff0000000000000')))).toBe('audit/canonical_json_non_finite_number');
    expect(codeOf(() => canonicalJson({ a: [-Infinity] }))).toBe('audit/canonical_json_non_finite_number');
  });

  it('escapes strings as JCS requires: short escapes, lowercase \\u00xx for other controls, the rest literal', () => {
    expect(canonicalJson('\b\t\n\f\r"\\/\u0000\u001f\u007f\u2028é😀')).toBe(
      '"\\b\\t\\n\\f\\r\\"\\\\/\\u0000\\u001f\u007f\u2028é😀"',
    );
  });

  it('encodes the canonical text as UTF-8 bytes', () => {
    expect(Buffer.from(canonicalJsonBytes({ b: '€', a: 1 })).toString('hex')).toBe(
      Buffer.from('{"a":1,"b":"€"}', 'utf8').toString('hex'),
    );
  });

  it('gives the same text however the object was built', () => {
    const built = { z: [1, { y: true, x: null }], a: 'first' };
    const reversed = Object.fromEntries(Object.entries(built).reverse());
    expect(canonicalJson(reversed)).toBe(canonicalJson(built));
    expect(canonicalJson(Object.assign(Object.create(null) as object, built))).toBe(canonicalJson(built));
  });

  it('uses toJSON for values such as dates, and allows shared references that are not cycles', () => {
    const shared = { id: 1 };
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z'), left: shared, right: shared })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z","left":{"id":1},"right":{"id":1}}',
    );
  });

  it('ignores symbol-keyed properties, which JSON never carries', () => {
    expect(canonicalJson({ a: 1, [Symbol('internal')]: 2 })).toBe('{"a":1}');
  });

  it('refuses undefined, functions, symbols and BigInt, naming where they are', () => {
    expect(codeOf(() => canonicalJson(undefined))).toBe('audit/canonical_json_unsupported_value');
    expect(codeOf(() => canonicalJson({ a: undefined }))).toBe('audit/canonical_json_unsupported_value');
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    expect(codeOf(() => canonicalJson(sparse))).toBe('audit/canonical_json_unsupported_value');
    expect(codeOf(() => canonicalJson({ f: () => 1 }))).toBe('audit/canonical_json_unsupported_value');
    expect(codeOf(() => canonicalJson([Symbol('s')]))).toBe('audit/canonical_json_unsupported_value');
    expect(codeOf(() => canonicalJson({ amount: 10n }))).toBe('audit/canonical_json_unsupported_value');
    expect(() => canonicalJson({ payment: { lines: [{ amount: 1 }, { amount: 2n }] } })).toThrow(
      '$["payment"]["lines"][1]["amount"] is a BigInt',
    );
  });

  it('refuses objects whose contents JSON would silently lose', () => {
    expect(codeOf(() => canonicalJson({ m: new Map([[1, 2]]) }))).toBe('audit/canonical_json_unsupported_value');
    expect(codeOf(() => canonicalJson(new Set([1])))).toBe('audit/canonical_json_unsupported_value');
    class Payment {
      amount = 5;
    }
    expect(() => canonicalJson({ p: new Payment() })).toThrow('$["p"] is a Payment');
  });

  it('refuses cycles, including through toJSON', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(codeOf(() => canonicalJson(loop))).toBe('audit/canonical_json_cycle');
    const list: unknown[] = [1];
    list.push({ back: list });
    expect(codeOf(() => canonicalJson(list))).toBe('audit/canonical_json_cycle');
    const selfish = {
      toJSON(): unknown {
        return selfish;
      },
    };
    expect(codeOf(() => canonicalJson(selfish))).toBe('audit/canonical_json_cycle');
  });

  it('refuses lone surrogates in values and in keys', () => {
    expect(codeOf(() => canonicalJson('\ud800'))).toBe('audit/canonical_json_invalid_string');
    expect(codeOf(() => canonicalJson({ ['\udc00']: 1 }))).toBe('audit/canonical_json_invalid_string');
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
  });
});
