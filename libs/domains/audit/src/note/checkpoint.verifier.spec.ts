import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { formatCheckpoint } from './checkpoint.codec.js';
import { openCheckpoint } from './checkpoint.verifier.js';
import { Ed25519NoteSigner } from './ed25519-note.signer.js';
import { Ed25519NoteVerifier } from './ed25519-note.verifier.js';
import { generateNoteKeyPair } from './note-key.generator.js';
import { signNote } from './signed-note.signer.js';

const ORIGIN = 'verity.example/tenant-42';
const logKeys = generateNoteKeyPair(ORIGIN);
const logSigner = Ed25519NoteSigner.fromSignerKey(logKeys.signerKey);
const logVerifier = Ed25519NoteVerifier.fromVerifierKey(logKeys.verifierKey);
const body = formatCheckpoint({ origin: ORIGIN, size: 12, rootHash: hashLeaf(Buffer.from('root')) });

async function codeOf(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('openCheckpoint', () => {
  it('verifies the log signature and returns the parsed checkpoint', async () => {
    const opened = openCheckpoint(await signNote(body, [logSigner]), [logVerifier], { origin: ORIGIN });
    expect(opened.checkpoint.size).toBe(12);
    expect(opened.checkpoint.origin).toBe(ORIGIN);
    expect(opened.text).toBe(body);
    expect(opened.signatures.map(({ name }) => name)).toEqual([ORIGIN]);
  });

  it('refuses a checkpoint of another log', async () => {
    const note = await signNote(body, [logSigner]);
    expect(await codeOf(() => openCheckpoint(note, [logVerifier], { origin: 'verity.example/other' }))).toBe(
      'audit/checkpoint_origin_mismatch',
    );
  });

  it('refuses a checkpoint whose size or root was changed after signing', async () => {
    const note = await signNote(body, [logSigner]);
    expect(await codeOf(() => openCheckpoint(note.replace('\n12\n', '\n13\n'), [logVerifier]))).toBe(
      'audit/note_invalid_signature',
    );
  });

  it('refuses a properly signed note whose body is not a checkpoint', async () => {
    const note = await signNote('just some text\n', [logSigner]);
    expect(await codeOf(() => openCheckpoint(note, [logVerifier]))).toBe('audit/checkpoint_malformed');
  });
});
