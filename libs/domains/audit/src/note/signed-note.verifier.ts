import { SignedNoteError } from '../audit.errors.js';
import { encodeBase64 } from '../canonical/base64.codec.js';
import { formatNoteKeyId } from './note-key.codec.js';
import { parseSignedNote } from './signed-note.codec.js';
import type { NoteSignature } from './signed-note.codec.js';

/** A trusted public key: checks signatures made by the key with this name and id. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface OpenedNote {
  /** The signed text, including its final newline; trustworthy only because `signatures` is non-empty. */
  readonly text: string;
  /** Signatures by known keys, all verified, one per key. */
  readonly signatures: readonly NoteSignature[];
  /** Signatures by keys not in the verifier list (witnesses not configured, retired keys), kept as found. */
  readonly unverifiedSignatures: readonly NoteSignature[];
}

function keyLabel(name: string, keyId: number): string {
  return `${name}+${formatNoteKeyId(keyId)}`;
}

/**
 * Opens a c2sp.org/signed-note: parses it, verifies each signature whose name and key id match a trusted verifier,
 * and returns the text. As the spec requires, signatures from unknown keys are ignored, a known key's bad signature
 * rejects the whole note ('audit/note_invalid_signature'), and a note with no valid known signature is rejected
 * ('audit/note_unverified').
 */
export function openSignedNote(message: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseSignedNote(message);

  const known = new Map<string, NoteVerifier[]>();
  for (const verifier of verifiers) {
    const label = keyLabel(verifier.name, verifier.keyId);
    known.set(label, [...(known.get(label) ?? []), verifier]);
  }

  const textBytes = new TextEncoder().encode(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenVerified = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const signature of signatures) {
    const label = keyLabel(signature.name, signature.keyId);
    const candidates = known.get(label);
    if (candidates === undefined) {
      const line = `${label} ${encodeBase64(signature.signature)}`;
      if (!seenUnverified.has(line)) unverified.push(signature);
      seenUnverified.add(line);
      continue;
    }
    if (candidates.length > 1) {
      throw new SignedNoteError('audit/note_ambiguous_key', `several trusted keys are named ${label}`);
    }
    // Repeating a signature adds nothing, and checking it again would only cost time.
    if (seenVerified.has(label)) continue;
    seenVerified.add(label);
    if (!candidates[0].verify(textBytes, signature.signature)) {
      throw new SignedNoteError('audit/note_invalid_signature', `invalid signature for key ${label}`);
    }
    verified.push(signature);
  }

  if (verified.length === 0) {
    throw new SignedNoteError('audit/note_unverified', 'the note has no valid signature from a trusted key');
  }
  return { text, signatures: verified, unverifiedSignatures: unverified };
}
