/**
 * Checks the audit log's evidence in the browser, with WebCrypto only, so that what the explorer shows as verified was
 * verified here and not merely reported by the server: C2SP signed-note checkpoints signed with Ed25519, and RFC 6962
 * / RFC 9162 inclusion proofs of a leaf in the tree the checkpoint commits to.
 *
 * Pure functions over bytes and text with no imports, so Node runs the same code in its unit test
 * (apps/admin/test/audit-proof.verifier.spec.ts), against the server's own signer and proof builder.
 */

const SIGNATURE_PREFIX = '\u2014 ';
const ED25519_KEY_TYPE = 0x01;
const ED25519_SIGNATURE_SIZE = 64;
const HASH_SIZE = 32;
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const KEY_ID_HEX = /^[0-9a-f]{8}$/i;

/** The signed body of a c2sp.org/tlog-checkpoint: which log, how many leaves, and the root over them. */
export interface CheckpointBody {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

export interface NoteSignatureLine {
  readonly name: string;
  readonly keyId: number;
  /** `<name>+<8 hex digits>`, how keys and signatures are matched. */
  readonly label: string;
  readonly signature: Uint8Array;
}

export interface ParsedCheckpointNote extends CheckpointBody {
  /** The text the signatures cover, ending with a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignatureLine[];
}

export type CheckpointVerification =
  | {
      readonly ok: true;
      readonly checkpoint: ParsedCheckpointNote;
      /** Labels of the trusted keys whose Ed25519 signatures hold. */
      readonly verifiedBy: readonly string[];
      /** Labels of signatures by keys not among the trusted ones (witness cosignatures, for instance): not checked. */
      readonly unverified: readonly string[];
    }
  | { readonly ok: false; readonly reason: string; readonly checkpoint?: ParsedCheckpointNote };

export type InclusionVerification =
  | { readonly ok: true; readonly leafHash: Uint8Array; readonly root: Uint8Array }
  | { readonly ok: false; readonly reason: string };

// ---- bytes ----------------------------------------------------------------------------------------------------------

/** Decodes standard padded base64, and only its one canonical spelling; undefined for anything else. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!STANDARD_BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return encodeBase64(bytes) === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i += 1) if (left[i] !== right[i]) return false;
  return true;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A copy backed by a plain ArrayBuffer, which is what WebCrypto accepts. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return concat(bytes);
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', own(bytes)));
}

// ---- RFC 6962 hashing and inclusion ---------------------------------------------------------------------------------

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ leaf). */
export function hashLeaf(leaf: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x00), leaf));
}

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

/**
 * The root that an inclusion proof of `leafHash` at `index` in a tree of `size` leaves leads to (RFC 9162 section
 * 2.1.3.2), or a reason when the proof cannot belong to that position.
 */
export async function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Promise<{ root: Uint8Array } | { reason: string }> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    return { reason: `leaf index ${String(index)} is not below tree size ${String(size)}` };
  }
  if (proof.some((hash) => hash.length !== HASH_SIZE)) return { reason: 'a proof hash is not 32 bytes' };
  let fn = index;
  let sn = size - 1;
  let hash = leafHash;
  for (const sibling of proof) {
    if (sn === 0) return { reason: 'the proof is longer than the path to the root' };
    if (fn % 2 === 1 || fn === sn) {
      hash = await hashChildren(sibling, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      hash = await hashChildren(hash, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return { reason: 'the proof is shorter than the path to the root' };
  return { root: hash };
}

/** Whether `leaf` (the exact leaf bytes) is at `index` of the tree of `size` leaves whose root is `expectedRoot`. */
export async function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  expectedRoot: Uint8Array,
): Promise<InclusionVerification> {
  const leafHash = await hashLeaf(leaf);
  const outcome = await rootFromInclusionProof(leafHash, index, size, proof);
  if ('reason' in outcome) return { ok: false, reason: outcome.reason };
  if (!bytesEqual(outcome.root, expectedRoot)) {
    return { ok: false, reason: 'the proof leads to a different root than the checkpoint signs' };
  }
  return { ok: true, leafHash, root: outcome.root };
}

// ---- C2SP signed notes and checkpoints -------------------------------------------------------------------------------

function hasControlCharacters(text: string, newlineAllowed: boolean): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(newlineAllowed && code === 0x0a)) return true;
  }
  return false;
}

function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !hasControlCharacters(name, false);
}

export function formatKeyLabel(name: string, keyId: number): string {
  return `${name}+${keyId.toString(16).padStart(8, '0')}`;
}

function parseDecimal(text: string): number | undefined {
  if (!CANONICAL_DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function parseSignatureLine(line: string): NoteSignatureLine {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new Error('a line after the blank line is not a signature');
  const body = line.slice(SIGNATURE_PREFIX.length);
  const space = body.indexOf(' ');
  const name = space < 0 ? body : body.slice(0, space);
  const decoded = space < 0 ? undefined : decodeBase64(body.slice(space + 1));
  if (!isKeyName(name) || decoded === undefined || decoded.length < 5) {
    throw new Error(`malformed signature line for ${JSON.stringify(name)}`);
  }
  const keyId = new DataView(decoded.buffer, decoded.byteOffset, decoded.byteLength).getUint32(0);
  return { name, keyId, label: formatKeyLabel(name, keyId), signature: decoded.subarray(4) };
}

/** Splits a signed note into its checkpoint body and signature lines; throws an Error naming what is malformed. */
export function parseCheckpointNote(note: string): ParsedCheckpointNote {
  if (hasControlCharacters(note, true)) throw new Error('the note holds control characters');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new Error('the signature block must end with a newline');
  const signatures = block.slice(0, -1).split('\n').map(parseSignatureLine);
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new Error('origin, tree size and root hash lines are required');
  const [origin, sizeLine, rootLine] = lines;
  if (origin.length === 0) throw new Error('the origin line is empty');
  const size = parseDecimal(sizeLine);
  if (size === undefined) throw new Error('the tree size is not a decimal number');
  const rootHash = decodeBase64(rootLine);
  if (rootHash?.length !== HASH_SIZE) throw new Error('the root hash is not 32 bytes of base64');
  return { text, signatures, origin, size, rootHash };
}

// Node's typings keep CryptoKey inside `webcrypto`; naming it through the global keeps this file valid in both.
type WebCryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

interface VerifierKey {
  readonly label: string;
  readonly key: WebCryptoKey;
}

/** Decodes `<name>+<hex key id>+<base64(0x01 ‖ Ed25519 public key)>` and checks that the key id belongs to the key. */
async function importVerifierKey(text: string): Promise<VerifierKey> {
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new Error(`malformed verifier key ${JSON.stringify(text)}`);
  const name = text.slice(0, first);
  const keyIdHex = text.slice(first + 1, second);
  const decoded = decodeBase64(text.slice(second + 1));
  if (!isKeyName(name) || !KEY_ID_HEX.test(keyIdHex) || decoded === undefined) {
    throw new Error(`malformed verifier key ${JSON.stringify(text)}`);
  }
  if (decoded.length !== 33 || decoded[0] !== ED25519_KEY_TYPE) {
    throw new Error(`verifier key ${name} is not an Ed25519 key`);
  }
  const keyId = Number.parseInt(keyIdHex, 16);
  const digest = await sha256(concat(new TextEncoder().encode(name), Uint8Array.of(0x0a), decoded));
  if (new DataView(digest.buffer).getUint32(0) !== keyId) {
    throw new Error(`verifier key ${name}: the key id does not match the key`);
  }
  const key = await globalThis.crypto.subtle.importKey('raw', own(decoded.subarray(1)), { name: 'Ed25519' }, false, [
    'verify',
  ]);
  return { label: formatKeyLabel(name, keyId), key };
}

/**
 * Opens a checkpoint note with the trusted verifier keys: at least one of them must have signed it, and every
 * signature by a trusted key must hold (a forged one fails the whole note). When `origin` is given, the checkpoint
 * must be of that log.
 */
export async function verifyCheckpointNote(
  note: string,
  verifierKeys: readonly string[],
  origin?: string,
): Promise<CheckpointVerification> {
  let checkpoint: ParsedCheckpointNote;
  try {
    checkpoint = parseCheckpointNote(note);
  } catch (error) {
    return { ok: false, reason: `malformed checkpoint: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (origin !== undefined && checkpoint.origin !== origin) {
    return { ok: false, checkpoint, reason: `the checkpoint is of log ${checkpoint.origin}, not ${origin}` };
  }
  const trusted = new Map<string, WebCryptoKey>();
  for (const text of verifierKeys) {
    try {
      const { label, key } = await importVerifierKey(text);
      trusted.set(label, key);
    } catch (error) {
      return { ok: false, checkpoint, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  const message = own(new TextEncoder().encode(checkpoint.text));
  const verifiedBy: string[] = [];
  const unverified: string[] = [];
  for (const signature of checkpoint.signatures) {
    const key = trusted.get(signature.label);
    if (key === undefined) {
      unverified.push(signature.label);
      continue;
    }
    const holds =
      signature.signature.length === ED25519_SIGNATURE_SIZE &&
      (await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, own(signature.signature), message));
    if (!holds) return { ok: false, checkpoint, reason: `the signature of key ${signature.label} does not verify` };
    if (!verifiedBy.includes(signature.label)) verifiedBy.push(signature.label);
  }
  if (verifiedBy.length === 0) return { ok: false, checkpoint, reason: 'no signature by a trusted key' };
  return { ok: true, checkpoint, verifiedBy, unverified };
}

// ---- audit leaves ---------------------------------------------------------------------------------------------------

/** The fields an audit leaf commits to (libs/domains/audit/README.md), as the API also returns them decoded. */
export interface AuditLeafFields {
  readonly recordedAt: string;
  readonly actor: { readonly type: string; readonly id: string };
  readonly action: string;
  readonly subject: { readonly type: string; readonly id: string };
  /** Base64 SHA-256 of the salted payload. */
  readonly payloadHash: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameParty(leafValue: unknown, shown: { readonly type: string; readonly id: string }): boolean {
  return isRecord(leafValue) && leafValue.type === shown.type && leafValue.id === shown.id;
}

/**
 * Which of the shown fields the leaf bytes do not say, so that a proof of the leaf is also a proof of what the page
 * displays; an empty list when they all agree.
 */
export function leafDisagreements(leaf: Uint8Array, shown: AuditLeafFields): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(leaf));
  } catch {
    return ['the leaf is not UTF-8 JSON'];
  }
  if (!isRecord(decoded)) return ['the leaf is not a JSON object'];
  const disagreements: string[] = [];
  if (decoded.recordedAt !== shown.recordedAt) disagreements.push('recordedAt');
  if (!sameParty(decoded.actor, shown.actor)) disagreements.push('actor');
  if (decoded.action !== shown.action) disagreements.push('action');
  if (!sameParty(decoded.subject, shown.subject)) disagreements.push('subject');
  if (decoded.payloadHash !== shown.payloadHash) disagreements.push('payloadHash');
  return disagreements;
}
