import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import {
  decodeNoteSignerKey,
  decodeNoteVerifierKey,
  encodeNoteSignerKey,
  encodeNoteVerifierKey,
  formatNoteKeyId,
  isValidNoteKeyName,
  noteKeyId,
} from './note-key.codec.js';
import { generateNoteKeyPair } from './note-key.generator.js';

// Keys from golang.org/x/mod/sumdb/note note_test.go (TestNewVerifier, TestNewSigner, TestVerifierList).
const PETER_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VERIFIER_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

/** Every proper substring and every single-character increment of a key, as the Go tests mangle them. */
function manglings(key: string): string[] {
  const mangled: string[] = [];
  for (let i = 0; i <= key.length; i += 1) {
    for (let j = i + 1; j <= key.length; j += 1) if (i !== 0 || j !== key.length) mangled.push(key.slice(i, j));
  }
  for (let i = 0; i < key.length; i += 1) {
    mangled.push(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1));
  }
  return mangled;
}

describe('note verifier keys', () => {
  it('decodes the published PeterNeumann key and re-encodes it byte for byte', () => {
    const key = decodeNoteVerifierKey(PETER_VERIFIER_KEY);
    expect(key.name).toBe('PeterNeumann');
    expect(formatNoteKeyId(key.keyId)).toBe('c74f20a3');
    expect(key.publicKey).toHaveLength(32);
    expect(noteKeyId('PeterNeumann', key.publicKey)).toBe(0xc74f20a3);
    expect(encodeNoteVerifierKey(key.name, key.publicKey)).toBe(PETER_VERIFIER_KEY);
    expect(formatNoteKeyId(decodeNoteVerifierKey(ENOCH_VERIFIER_KEY).keyId)).toBe('af0cfe78');
  });

  it('rejects every mangling of the key', () => {
    for (const mangled of manglings(PETER_VERIFIER_KEY)) {
      expect(
        codeOf(() => decodeNoteVerifierKey(mangled)),
        mangled,
      ).toBe('audit/note_invalid_key');
    }
  });

  it('rejects a wrong-length key and an unknown algorithm even when the key id is adjusted to match', () => {
    expect(
      codeOf(() => decodeNoteVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')),
    ).toBe('audit/note_invalid_key');
    expect(
      codeOf(() => decodeNoteVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')),
    ).toBe('audit/note_invalid_key');
  });
});

describe('note signer keys', () => {
  it('decodes the published PeterNeumann signer key to the matching public key', () => {
    const signer = decodeNoteSignerKey(PETER_SIGNER_KEY);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.publicKey).toEqual(decodeNoteVerifierKey(PETER_VERIFIER_KEY).publicKey);
    expect(encodeNoteSignerKey(signer.name, signer.seed)).toBe(PETER_SIGNER_KEY);
  });

  it('rejects every mangling of the key', () => {
    for (const mangled of manglings(PETER_SIGNER_KEY)) {
      expect(
        codeOf(() => decodeNoteSignerKey(mangled)),
        mangled,
      ).toBe('audit/note_invalid_key');
    }
  });
});

describe('generateNoteKeyPair', () => {
  it('makes a signer key and a verifier key that belong together', () => {
    const { signerKey, verifierKey } = generateNoteKeyPair('verity.example/tenant-1');
    const signer = decodeNoteSignerKey(signerKey);
    const verifier = decodeNoteVerifierKey(verifierKey);
    expect(signer.publicKey).toEqual(verifier.publicKey);
    expect(signer.keyId).toBe(verifier.keyId);
    expect(verifierKey.startsWith('verity.example/tenant-1+')).toBe(true);
    expect(signerKey.startsWith('PRIVATE+KEY+verity.example/tenant-1+')).toBe(true);
    expect(generateNoteKeyPair('verity.example/tenant-1').signerKey).not.toBe(signerKey);
  });

  it('refuses names the format cannot carry', () => {
    for (const name of ['', 'a b', 'a+b', 'tab\there', 'nbsp\u00a0here', 'line\nbreak', 'nul\u0000']) {
      expect(isValidNoteKeyName(name), JSON.stringify(name)).toBe(false);
      expect(codeOf(() => generateNoteKeyPair(name))).toBe('audit/note_invalid_key');
    }
    expect(isValidNoteKeyName('example.com/log42')).toBe(true);
    expect(isValidNoteKeyName('Ünïcödé')).toBe(true);
  });
});
