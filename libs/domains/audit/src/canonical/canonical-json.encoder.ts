import { CanonicalJsonError } from '../audit.errors.js';

// With the u flag, \p{Cs} matches only surrogates that are not part of a valid pair.
const LONE_SURROGATE = /\p{Cs}/u;

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function hasToJson(value: object): value is { toJSON(key: string): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function encodeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new CanonicalJsonError('audit/canonical_json_invalid_string', `${path} contains a lone UTF-16 surrogate`);
  }
  // ECMAScript's JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 requires (\b \t \n \f \r \" \\, other control
  // characters as lowercase \u00xx, everything else literal) once lone surrogates are excluded.
  return JSON.stringify(value);
}

function encodeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) {
    throw new CanonicalJsonError(
      'audit/canonical_json_non_finite_number',
      `${path} is ${value}, which JSON cannot hold`,
    );
  }
  // RFC 8785 §3.2.2.3 adopts ECMAScript Number::toString, which String() is; it also writes -0 as 0.
  return String(value);
}

function encodeValue(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return encodeString(value, path);
    case 'number':
      return encodeNumber(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      throw new CanonicalJsonError(
        'audit/canonical_json_unsupported_value',
        `${path} is undefined, which has no JSON form`,
      );
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(
        'audit/canonical_json_unsupported_value',
        `${path} is a ${typeof value}, which has no JSON form`,
      );
    case 'bigint':
      throw new CanonicalJsonError(
        'audit/canonical_json_unsupported_value',
        `${path} is a BigInt, which has no exact JSON form; store it as a decimal string`,
      );
    case 'object':
      return value === null ? 'null' : encodeObject(value, path, ancestors);
  }
}

function encodeObject(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) {
    throw new CanonicalJsonError('audit/canonical_json_cycle', `${path} refers back to one of its own containers`);
  }
  ancestors.add(value);
  try {
    // As in JSON.stringify, an object that says how it serializes (a Date, a decimal type) is replaced by that.
    if (hasToJson(value)) return encodeValue(value.toJSON(''), path, ancestors);
    if (!Array.isArray(value) && !isPlainObject(value)) {
      // Other class instances (Map, Set, typed arrays) would lose their contents the way JSON.stringify loses them,
      // which an audit record must not.
      const kind = typeof value.constructor === 'function' ? value.constructor.name : 'object';
      throw new CanonicalJsonError(
        'audit/canonical_json_unsupported_value',
        `${path} is a ${kind}; only plain objects, arrays and JSON primitives can be canonicalized`,
      );
    }
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i += 1) items.push(encodeValue(value[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units, exactly RFC 8785 §3.2.3.
    const members = Object.keys(record)
      .sort()
      .map(
        (key) => `${encodeString(key, path)}:${encodeValue(record[key], `${path}${JSON.stringify([key])}`, ancestors)}`,
      );
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * RFC 8785 JSON Canonicalization Scheme: the one byte sequence two parties agree on before hashing or signing a JSON
 * value. Throws a CanonicalJsonError (naming the JSONPath of the offending member) for anything outside the I-JSON
 * data model instead of dropping or coercing it as JSON.stringify would.
 */
export function canonicalJson(value: unknown): string {
  return encodeValue(value, '$', new Set());
}

/** The UTF-8 bytes of canonicalJson(value), which are what gets hashed. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
