import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { Ed25519NoteSigner } from './ed25519-note.signer.js';
import { Ed25519NoteVerifier } from './ed25519-note.verifier.js';
import { generateNoteKeyPair } from './note-key.generator.js';
import { parseSignedNote } from './signed-note.codec.js';
import { cosignNote, signNote } from './signed-note.signer.js';
import type { NoteSigner } from './signed-note.signer.js';
import { openSignedNote } from './signed-note.verifier.js';

// From golang.org/x/mod/sumdb/note note_test.go (TestSign, TestOpen). Ed25519 is deterministic, so signing the text
// with Peter's key must reproduce the published note exactly.
const PETER_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VERIFIER_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIGNATURE_LINE =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIGNATURE_LINE =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

const peter = Ed25519NoteSigner.fromSignerKey(PETER_SIGNER_KEY);

describe('signNote', () => {
  it('reproduces the published PeterNeumann note byte for byte', async () => {
    expect(await signNote(TEXT, [peter])).toBe(`${TEXT}\n${PETER_SIGNATURE_LINE}`);
    expect(peter.verifierKey).toBe(PETER_VERIFIER_KEY);
  });

  it('replaces an existing signature by the same key and keeps the others first', async () => {
    const stale = { name: 'PeterNeumann', keyId: 0xc74f20a3, signature: Uint8Array.of(1, 2, 3) };
    expect(await signNote(TEXT, [peter], [stale])).toBe(`${TEXT}\n${PETER_SIGNATURE_LINE}`);

    const [enoch] = parseSignedNote(`${TEXT}\n${ENOCH_SIGNATURE_LINE}`).signatures;
    const note = await signNote(TEXT, [peter], [enoch]);
    expect(note).toBe(`${TEXT}\n${ENOCH_SIGNATURE_LINE}${PETER_SIGNATURE_LINE}`);
    const verifiers = [PETER_VERIFIER_KEY, ENOCH_VERIFIER_KEY].map((key) => Ed25519NoteVerifier.fromVerifierKey(key));
    expect(openSignedNote(note, verifiers).signatures.map(({ name }) => name)).toEqual(['EnochRoot', 'PeterNeumann']);
  });

  it('signs with old and new keys during a rotation, so holders of either key accept the note', async () => {
    const oldKey = generateNoteKeyPair('verity.example/log');
    const newKey = generateNoteKeyPair('verity.example/log');
    const signers = [oldKey, newKey].map(({ signerKey }) => Ed25519NoteSigner.fromSignerKey(signerKey));
    const note = await signNote('verity.example/log\n1\nAAAA\n', signers);
    for (const { verifierKey } of [oldKey, newKey]) {
      expect(openSignedNote(note, [Ed25519NoteVerifier.fromVerifierKey(verifierKey)]).signatures).toHaveLength(1);
    }
  });

  it('accepts any signer with the NoteSigner shape, such as a KMS', async () => {
    const kms: NoteSigner = { name: peter.name, keyId: peter.keyId, sign: (message) => peter.sign(message) };
    expect(await signNote(TEXT, [kms])).toBe(`${TEXT}\n${PETER_SIGNATURE_LINE}`);
  });

  it('refuses text without a final newline, with control characters, and notes with no signature', async () => {
    expect(await codeOf(() => signNote('abc', [peter]))).toBe('audit/note_malformed');
    expect(await codeOf(() => signNote('bell \u0007\n', [peter]))).toBe('audit/note_malformed');
    expect(await codeOf(() => signNote('lone \ud800 surrogate\n', [peter]))).toBe('audit/note_malformed');
    expect(await codeOf(() => signNote(TEXT, []))).toBe('audit/note_malformed');
  });

  it('refuses signers whose name the format cannot carry', async () => {
    const badName: NoteSigner = { name: 'bad name', keyId: 1, sign: (message) => peter.sign(message) };
    const badId: NoteSigner = { name: 'fine', keyId: 2 ** 32, sign: (message) => peter.sign(message) };
    expect(await codeOf(() => signNote(TEXT, [badName]))).toBe('audit/note_invalid_key');
    expect(await codeOf(() => signNote(TEXT, [badId]))).toBe('audit/note_invalid_key');
  });

  it('refuses to write more signatures than a verifier would read', async () => {
    const existing = Array.from({ length: 100 }, (_, i) => ({ name: `w${i}`, keyId: i, signature: Uint8Array.of(i) }));
    expect(await codeOf(() => signNote(TEXT, [peter], existing))).toBe('audit/note_too_many_signatures');
  });
});

describe('cosignNote', () => {
  it('adds a witness signature and keeps the log signature line as it was', async () => {
    const witness = generateNoteKeyPair('witness.example');
    const cosigned = await cosignNote(`${TEXT}\n${PETER_SIGNATURE_LINE}`, [
      Ed25519NoteSigner.fromSignerKey(witness.signerKey),
    ]);
    expect(cosigned.startsWith(`${TEXT}\n${PETER_SIGNATURE_LINE}\u2014 witness.example `)).toBe(true);
    const verifiers = [PETER_VERIFIER_KEY, witness.verifierKey].map((key) => Ed25519NoteVerifier.fromVerifierKey(key));
    expect(openSignedNote(cosigned, verifiers).signatures).toHaveLength(2);
  });
});
