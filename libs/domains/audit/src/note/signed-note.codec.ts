import { SignedNoteError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { isValidNoteKeyName } from './note-key.codec.js';
import { hasForbiddenNoteCharacters } from './note-text.validator.js';

/**
 * The most signatures a note may carry. The spec asks verifiers to accept at least 16; this matches Go's
 * golang.org/x/mod/sumdb/note so that anything it opens, we open, while a hostile note cannot make us verify forever.
 */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature proper, without the 4-byte key id that precedes it on the wire. */
  readonly signature: Uint8Array;
}

export interface ParsedSignedNote {
  /** The signed text, including its final newline. */
  readonly text: string;
  /** Every signature line in order, verified or not. */
  readonly signatures: readonly NoteSignature[];
}

function malformed(reason: string): SignedNoteError {
  return new SignedNoteError('audit/note_malformed', `malformed signed note: ${reason}`);
}

/** Notes arrive as bytes; they must be UTF-8 exactly, since a repaired byte would no longer match its signature. */
export function decodeNoteMessage(message: string | Uint8Array): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(message);
    } catch {
      throw malformed('not valid UTF-8');
    }
  }
  if (hasForbiddenNoteCharacters(text, true)) throw malformed('contains control characters or invalid Unicode');
  return text;
}

/** Checks that `text` can be the text of a note: non-empty lines allowed, valid characters, final newline. */
export function assertNoteText(text: string): void {
  decodeNoteMessage(text);
  if (!text.endsWith('\n')) throw malformed('the text must end with a newline');
}

export function formatNoteSignatureLine({ name, keyId, signature }: NoteSignature): string {
  const keyIdBytes = Buffer.alloc(4);
  keyIdBytes.writeUInt32BE(keyId);
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(Uint8Array.from([...keyIdBytes, ...signature]))}\n`;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('a line after the blank line is not a signature');
  const body = line.slice(SIGNATURE_PREFIX.length);
  const space = body.indexOf(' ');
  const name = space < 0 ? body : body.slice(0, space);
  const decoded = space < 0 ? undefined : decodeBase64(body.slice(space + 1));
  // A signature is a 4-byte key id followed by at least one byte of signature.
  if (!isValidNoteKeyName(name) || decoded === undefined || decoded.length < 5) {
    throw malformed(`bad signature line for ${JSON.stringify(name)}`);
  }
  const view = new DataView(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  return { name, keyId: view.getUint32(0), signature: decoded.subarray(4) };
}

/**
 * Splits a signed note into its text and signature lines, checking only syntax (c2sp.org/signed-note §Format). The
 * text is everything up to the last blank line; every line after it must be a signature.
 */
export function parseSignedNote(message: string | Uint8Array): ParsedSignedNote {
  const note = decodeNoteMessage(message);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('the signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new SignedNoteError(
      'audit/note_too_many_signatures',
      `the note has ${lines.length} signatures; at most ${MAX_NOTE_SIGNATURES} are accepted`,
    );
  }
  return { text, signatures: lines.map(parseSignatureLine) };
}
