import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { Ed25519NoteSigner } from './ed25519-note.signer.js';
import { Ed25519NoteVerifier } from './ed25519-note.verifier.js';
import { generateNoteKeyPair } from './note-key.generator.js';
import { formatNoteSignatureLine } from './signed-note.codec.js';
import { signNote } from './signed-note.signer.js';
import { openSignedNote } from './signed-note.verifier.js';
import type { OpenedNote } from './signed-note.verifier.js';

// From golang.org/x/mod/sumdb/note note_test.go (TestOpen): two real signatures over the same text, and the
// malformed messages that must be refused. Go slices those lines at byte 60; the em dash is 3 bytes in UTF-8 and one
// UTF-16 unit here, so the same place is index 58.
const PETER_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VERIFIER_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const ENOCH_ABCD_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const GO_BYTE_60 = 58;

const peterVerifier = Ed25519NoteVerifier.fromVerifierKey(PETER_VERIFIER_KEY);
const enochVerifier = Ed25519NoteVerifier.fromVerifierKey(ENOCH_VERIFIER_KEY);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

const lines = (note: OpenedNote): { verified: string[]; unverified: string[] } => ({
  verified: note.signatures.map(formatNoteSignatureLine),
  unverified: note.unverifiedSignatures.map(formatNoteSignatureLine),
});

describe('openSignedNote', () => {
  it('verifies the known key and ignores the unknown one', () => {
    const note = openSignedNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peterVerifier]);
    expect(note.text).toBe(TEXT);
    expect(lines(note)).toEqual({ verified: [PETER_SIG], unverified: [ENOCH_SIG] });
  });

  it('verifies both signatures when both keys are known', () => {
    expect(lines(openSignedNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peterVerifier, enochVerifier]))).toEqual({
      verified: [PETER_SIG, ENOCH_SIG],
      unverified: [],
    });
  });

  it('accepts the note as UTF-8 bytes', () => {
    expect(openSignedNote(Buffer.from(`${TEXT}\n${PETER_SIG}`), [peterVerifier]).text).toBe(TEXT);
  });

  it('rejects a note with no signature from a trusted key', () => {
    expect(codeOf(() => openSignedNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('audit/note_unverified');
    const stranger = Ed25519NoteVerifier.fromVerifierKey(generateNoteKeyPair('stranger').verifierKey);
    expect(codeOf(() => openSignedNote(`${TEXT}\n${PETER_SIG}`, [stranger]))).toBe('audit/note_unverified');
  });

  it('refuses to attribute a signature when two trusted keys share its name and id', () => {
    expect(codeOf(() => openSignedNote(`${TEXT}\n${ENOCH_SIG}`, [enochVerifier, peterVerifier, enochVerifier]))).toBe(
      'audit/note_ambiguous_key',
    );
    expect(
      openSignedNote(`${TEXT}\n${PETER_SIG}`, [enochVerifier, peterVerifier, enochVerifier]).signatures,
    ).toHaveLength(1);
  });

  it('refuses more than 100 signatures, verified or not', () => {
    const note = `${TEXT}\n${PETER_SIG.repeat(101)}`;
    expect(codeOf(() => openSignedNote(note, [peterVerifier]))).toBe('audit/note_too_many_signatures');
    expect(codeOf(() => openSignedNote(note, []))).toBe('audit/note_too_many_signatures');
    expect(openSignedNote(`${TEXT}\n${PETER_SIG.repeat(100)}`, [peterVerifier]).signatures).toHaveLength(1);
  });

  it('rejects the whole note when a known key signature does not verify', () => {
    const broken = `${TEXT}\n${PETER_SIG.slice(0, GO_BYTE_60)}ABCD${PETER_SIG.slice(GO_BYTE_60)}`;
    expect(codeOf(() => openSignedNote(broken, [peterVerifier]))).toBe('audit/note_invalid_signature');
  });

  it('rejects altered text', () => {
    const altered = `${TEXT.replace('cryptography', 'cryptographY')}\n${PETER_SIG}`;
    expect(codeOf(() => openSignedNote(altered, [peterVerifier]))).toBe('audit/note_invalid_signature');
  });

  it('drops repeated signatures and keeps distinct unverified ones', () => {
    const enochAbcd = `${ENOCH_SIG.slice(0, GO_BYTE_60)}ABCD${ENOCH_SIG.slice(GO_BYTE_60)}`;
    expect(enochAbcd).toBe(ENOCH_ABCD_SIG);
    const note = openSignedNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochAbcd}`, [
      peterVerifier,
    ]);
    expect(lines(note)).toEqual({ verified: [PETER_SIG], unverified: [ENOCH_SIG, ENOCH_ABCD_SIG] });
  });

  it('refuses the malformed messages of the Go tests', () => {
    const malformed = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
    ];
    for (const message of malformed) {
      expect(
        codeOf(() => openSignedNote(message, [peterVerifier])),
        JSON.stringify(message),
      ).toBe('audit/note_malformed');
    }
    // Go's "\xff" case: a byte that is not UTF-8.
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(codeOf(() => openSignedNote(invalidUtf8, [peterVerifier]))).toBe('audit/note_malformed');
  });

  it('refuses signature lines that are not canonical base64 or too short to hold a key id and signature', () => {
    // 'JnAN=' decodes to the same bytes as 'JnAM=' in lenient decoders; only the canonical spelling is accepted.
    const nonCanonical = PETER_SIG.replace('JnAM=', 'JnAN=');
    for (const line of [
      nonCanonical,
      '\u2014 PeterNeumann x08go/ZJk\n',
      '\u2014 PeterNeumann AAAA\n',
      '\u2014 PeterNeumann\n',
    ]) {
      expect(
        codeOf(() => openSignedNote(`${TEXT}\n${line}`, [peterVerifier])),
        line,
      ).toBe('audit/note_malformed');
    }
  });

  it('does not let a forged key with the same name pass for the real one', async () => {
    const log = generateNoteKeyPair('verity.example/log');
    const forger = generateNoteKeyPair('verity.example/log');
    const forged = await signNote('verity.example/log\n1\nAAAA\n', [Ed25519NoteSigner.fromSignerKey(forger.signerKey)]);
    expect(codeOf(() => openSignedNote(forged, [Ed25519NoteVerifier.fromVerifierKey(log.verifierKey)]))).toBe(
      'audit/note_unverified',
    );
  });
});
