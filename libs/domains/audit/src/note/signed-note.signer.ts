import { SignedNoteError } from '../audit.errors.js';
import { isValidNoteKeyName } from './note-key.codec.js';
import { assertNoteText, formatNoteSignatureLine, MAX_NOTE_SIGNATURES, parseSignedNote } from './signed-note.codec.js';
import type { NoteSignature } from './signed-note.codec.js';

/** Anything that can sign note text: an in-process Ed25519 key, or a KMS / HSM behind the same shape. */
export interface NoteSigner {
  readonly name: string;
  /** The uint32 key id of c2sp.org/signed-note, which verifiers use to find the public key. */
  readonly keyId: number;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

function sameKey(a: { name: string; keyId: number }, b: { name: string; keyId: number }): boolean {
  return a.name === b.name && a.keyId === b.keyId;
}

/**
 * Signs `text` (which must end with a newline) with every signer and returns the signed note. Signing with several
 * keys is how a key rotation overlaps: verifiers that know either key accept the note. `existing` signatures are
 * kept first, except those from a key that signs again here.
 */
export async function signNote(
  text: string,
  signers: readonly NoteSigner[],
  existing: readonly NoteSignature[] = [],
): Promise<string> {
  assertNoteText(text);
  for (const signer of signers) {
    if (
      !isValidNoteKeyName(signer.name) ||
      !Number.isInteger(signer.keyId) ||
      signer.keyId < 0 ||
      signer.keyId > 0xffffffff
    ) {
      throw new SignedNoteError(
        'audit/note_invalid_key',
        `signer ${JSON.stringify(signer.name)} has an invalid name or key id`,
      );
    }
  }
  const kept = existing.filter((signature) => !signers.some((signer) => sameKey(signer, signature)));
  const total = kept.length + signers.length;
  if (total === 0) throw new SignedNoteError('audit/note_malformed', 'a signed note needs at least one signature');
  if (total > MAX_NOTE_SIGNATURES) {
    throw new SignedNoteError(
      'audit/note_too_many_signatures',
      `${total} signatures exceed the limit of ${MAX_NOTE_SIGNATURES}`,
    );
  }

  const message = new TextEncoder().encode(text);
  const fresh = await Promise.all(
    signers.map(async (signer): Promise<NoteSignature> => {
      const signature = await signer.sign(message);
      if (signature.length === 0) {
        throw new SignedNoteError('audit/note_invalid_signature', `signer ${signer.name} returned no signature`);
      }
      return { name: signer.name, keyId: signer.keyId, signature };
    }),
  );
  return `${text}\n${[...kept, ...fresh].map(formatNoteSignatureLine).join('')}`;
}

/**
 * Adds signatures to an already signed note, keeping its text and signatures: a witness cosigning a checkpoint, or a
 * new log key joining the old one. The note is not verified here; verify it first if the signature vouches for it.
 */
export async function cosignNote(note: string | Uint8Array, signers: readonly NoteSigner[]): Promise<string> {
  const { text, signatures } = parseSignedNote(note);
  return signNote(text, signers, signatures);
}
