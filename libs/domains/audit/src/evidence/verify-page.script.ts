/**
 * The JavaScript of verify.html, as a string so that `nest build` carries it into dist/ and the CLI's exporter can
 * embed it (a separate .js asset would not be copied). It is plain browser JavaScript, ES2022, with no template
 * literals (this is a String.raw template); it mirrors EvidencePackVerifier check for check, using WebCrypto.
 *
 * It expects a `PACK` constant defined before it (verify-page.renderer.ts writes it from the TypeScript constants) and
 * defines `verifyEvidencePack(files, options)`, which verify-page.script.spec.ts also runs under Node against the same
 * tampered packs as the Node verifier, so the two cannot drift apart unnoticed.
 */
export const VERIFY_PAGE_SCRIPT = String.raw`'use strict';

// ---- bytes, text, base64, hashes --------------------------------------------------------------------------------

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const LONE_SURROGATE = /\p{Cs}/u;
const KEY_NAME_FORBIDDEN = /[\p{White_Space}+]/u;
const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/;
const RECORDED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const PROOF_PATH = /^proofs\/(0|[1-9][0-9]*)\.tlog-proof$/;
const ANCHOR_PATH = /^anchors\/[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;
const SIGNATURE_PREFIX = '\u2014 ';
const MAX_NOTE_SIGNATURES = 100;
const MAX_PROOF_HASHES = 63;
const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
const TYPE_ED25519 = 0x01;
const TYPE_COSIGNATURE = 0x04;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

function utf8(bytes, keepBom) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: Boolean(keepBom) }).decode(bytes);
  } catch (error) {
    return undefined;
  }
}

function encodeUtf8(text) {
  return new TextEncoder().encode(text);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function encodeBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

// Only the one canonical spelling of a byte string, as the Node verifier accepts.
function decodeBase64(text) {
  if (typeof text !== 'string' || !STANDARD_BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return encodeBase64(bytes) === text ? bytes : undefined;
}

function hex(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) out += bytes[i].toString(16).padStart(2, '0');
  return out;
}

function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function decodeDecimal(text) {
  if (!CANONICAL_DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasMembers(value, members) {
  const keys = Object.keys(value).sort();
  const wanted = members.slice().sort();
  return keys.length === wanted.length && wanted.every((member, i) => keys[i] === member);
}

function isText(value) {
  return typeof value === 'string' && value.length > 0;
}

function isIndex(value) {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPair(value) {
  return isRecord(value) && hasMembers(value, ['id', 'type']) && isText(value.type) && isText(value.id);
}

// ---- RFC 8785 canonical JSON of JSON.parse output -----------------------------------------------------------------

function canonicalJson(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error('a number is not finite');
      return String(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new Error('a string holds a lone surrogate');
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
      // Sorting without a comparator orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
      return (
        '{' +
        Object.keys(value)
          .sort()
          .map((key) => canonicalJson(key) + ':' + canonicalJson(value[key]))
          .join(',') +
        '}'
      );
    default:
      throw new Error('a value has no JSON form');
  }
}

// ---- audit leaves ---------------------------------------------------------------------------------------------------

function decodeAuditLeaf(bytes) {
  const text = utf8(bytes);
  if (text === undefined) return undefined;
  let leaf;
  try {
    leaf = JSON.parse(text);
  } catch (error) {
    return undefined;
  }
  if (!isRecord(leaf)) return undefined;
  if (leaf.v !== PACK.leafVersion || !isText(leaf.recordedAt) || !RECORDED_AT.test(leaf.recordedAt)) return undefined;
  const pair = (value) => isRecord(value) && Object.keys(value).length === 2 && isText(value.type) && isText(value.id);
  if (!isText(leaf.action) || !pair(leaf.actor) || !pair(leaf.subject) || !isText(leaf.payloadHash)) return undefined;
  if (!PACK.actorTypes.includes(leaf.actor.type)) return undefined;
  const payloadHash = decodeBase64(leaf.payloadHash);
  if (payloadHash === undefined || payloadHash.length !== 32) return undefined;
  const fields = {
    v: PACK.leafVersion,
    recordedAt: leaf.recordedAt,
    actor: { type: leaf.actor.type, id: leaf.actor.id },
    action: leaf.action,
    subject: { type: leaf.subject.type, id: leaf.subject.id },
    payloadHash: leaf.payloadHash,
  };
  let rebuilt;
  try {
    rebuilt = canonicalJson(fields);
  } catch (error) {
    return undefined;
  }
  return rebuilt === new TextDecoder().decode(bytes) ? Object.assign(fields, { payloadHashBytes: payloadHash }) : undefined;
}

// ---- signed notes, keys, checkpoints (c2sp.org/signed-note, tlog-checkpoint, tlog-cosignature) ----------------------

class NoteError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function hasForbiddenCharacters(text, newlineAllowed) {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(newlineAllowed && code === 0x0a)) return true;
  }
  return LONE_SURROGATE.test(text);
}

function isValidKeyName(name) {
  return name.length > 0 && !KEY_NAME_FORBIDDEN.test(name) && !hasForbiddenCharacters(name, false);
}

function formatKeyId(keyId) {
  return keyId.toString(16).padStart(8, '0');
}

function parseSignatureLine(line) {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('audit/note_malformed', 'a line after the blank line is not a signature');
  const body = line.slice(SIGNATURE_PREFIX.length);
  const space = body.indexOf(' ');
  const name = space < 0 ? body : body.slice(0, space);
  const decoded = space < 0 ? undefined : decodeBase64(body.slice(space + 1));
  if (!isValidKeyName(name) || decoded === undefined || decoded.length < 5) {
    throw new NoteError('audit/note_malformed', 'bad signature line for ' + JSON.stringify(name));
  }
  const keyId = new DataView(decoded.buffer, decoded.byteOffset, decoded.byteLength).getUint32(0);
  return { name: name, keyId: keyId, signature: decoded.subarray(4) };
}

function parseSignedNote(note) {
  if (hasForbiddenCharacters(note, true)) throw new NoteError('audit/note_malformed', 'control characters or invalid Unicode');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('audit/note_malformed', 'no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteError('audit/note_malformed', 'the signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteError('audit/note_too_many_signatures', 'too many signatures');
  return { text: text, signatures: lines.map(parseSignatureLine) };
}

async function keyIdOf(name, type, publicKey) {
  const digest = await sha256(concat([encodeUtf8(name), Uint8Array.of(0x0a, type), publicKey]));
  return new DataView(digest.buffer).getUint32(0);
}

async function importEd25519(publicKey) {
  return crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
}

async function ed25519Verify(key, signature, message) {
  if (signature.length !== 64) return false;
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
}

// A verifier key is <name>+<hex key id>+<base64(type || key)>; the base64 may itself hold '+'.
async function decodeVerifierKey(text, type) {
  const first = text.indexOf('+');
  const name = first < 0 ? text : text.slice(0, first);
  const rest = first < 0 ? '' : text.slice(first + 1);
  const second = rest.indexOf('+');
  const keyIdHex = second < 0 ? rest : rest.slice(0, second);
  const decoded = decodeBase64(second < 0 ? '' : rest.slice(second + 1));
  if (!isValidKeyName(name) || !KEY_ID_HEX.test(keyIdHex) || decoded === undefined || decoded.length === 0) {
    throw new NoteError('audit/note_invalid_key', 'malformed key');
  }
  if (decoded[0] !== type || decoded.length !== 33) throw new NoteError('audit/note_invalid_key', 'not a type ' + type + ' Ed25519 key');
  const publicKey = decoded.subarray(1);
  const keyId = Number.parseInt(keyIdHex, 16);
  if ((await keyIdOf(name, type, publicKey)) !== keyId) throw new NoteError('audit/note_invalid_key', 'the key id does not match the key');
  let key;
  try {
    key = await importEd25519(publicKey);
  } catch (error) {
    throw new NoteError('audit/note_invalid_key', 'not a usable Ed25519 public key');
  }
  return { name: name, keyId: keyId, label: name + '+' + formatKeyId(keyId), key: key };
}

// Mirrors openSignedNote: unknown keys are ignored, a known key's bad signature rejects the note, and at least one
// known key must have signed.
async function openSignedNote(note, verifiers) {
  const known = new Map();
  for (const verifier of verifiers) known.set(verifier.label, (known.get(verifier.label) || []).concat([verifier]));
  const message = encodeUtf8(note.text);
  const verified = [];
  for (const signature of note.signatures) {
    const label = signature.name + '+' + formatKeyId(signature.keyId);
    const candidates = known.get(label);
    if (candidates === undefined) continue;
    if (candidates.length > 1) throw new NoteError('audit/note_ambiguous_key', 'several trusted keys are named ' + label);
    if (verified.includes(label)) continue;
    if (!(await ed25519Verify(candidates[0].key, signature.signature, message))) {
      throw new NoteError('audit/note_invalid_signature', 'invalid signature for key ' + label);
    }
    verified.push(label);
  }
  if (verified.length === 0) throw new NoteError('audit/note_unverified', 'no valid signature from a trusted key');
  return verified;
}

async function verifyCosignature(witness, text, signature) {
  if (signature.length !== 72) return undefined;
  const time = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
  if (time > MAX_TIMESTAMP) return undefined;
  const message = encodeUtf8('cosignature/v1\ntime ' + time.toString() + '\n' + text);
  return (await ed25519Verify(witness.key, signature.subarray(8), message)) ? time.toString() : undefined;
}

function parseCheckpoint(text) {
  const bad = (reason) => new NoteError('audit/checkpoint_malformed', reason);
  if (!text.endsWith('\n')) throw bad('the text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw bad('origin, tree size and root hash lines are required');
  const line = (value) => value.length > 0 && !hasForbiddenCharacters(value, false);
  if (!line(lines[0])) throw bad('bad origin line');
  const size = decodeDecimal(lines[1]);
  if (size === undefined) throw bad('bad tree size');
  const rootHash = decodeBase64(lines[2]);
  if (rootHash === undefined || rootHash.length !== 32) throw bad('bad root hash');
  if (!lines.slice(3).every(line)) throw bad('bad extension line');
  return { origin: lines[0], size: size, rootHash: rootHash };
}

// ---- tlog-proof and RFC 6962 inclusion ------------------------------------------------------------------------------

function decodeTlogProof(text) {
  const bad = (reason) => new NoteError('audit/tlog_proof_malformed', reason);
  const lines = text.split('\n');
  let at = 0;
  const next = () => lines[at++];
  if (next() !== TLOG_PROOF_HEADER) throw bad('the first line must be ' + TLOG_PROOF_HEADER);
  let line = next();
  if (line !== undefined && line.startsWith('extra ')) {
    if (decodeBase64(line.slice('extra '.length)) === undefined) throw bad('the extra data is not base64');
    line = next();
  }
  if (line === undefined || !line.startsWith('index ')) throw bad('the index line is missing');
  const index = decodeDecimal(line.slice('index '.length));
  if (index === undefined) throw bad('bad index');
  const hashes = [];
  for (line = next(); line !== undefined && line !== ''; line = next()) {
    const hash = decodeBase64(line);
    if (hash === undefined || hash.length !== 32) throw bad('a proof line is not a 32-byte hash');
    hashes.push(hash);
    if (hashes.length > MAX_PROOF_HASHES) throw bad('too many proof hashes');
  }
  if (line === undefined) throw bad('the blank line before the checkpoint is missing');
  const checkpoint = lines.slice(at).join('\n');
  if (checkpoint.length === 0) throw bad('the checkpoint is missing');
  return { index: index, hashes: hashes, checkpoint: checkpoint };
}

async function hashChildren(left, right) {
  return sha256(concat([Uint8Array.of(0x01), left, right]));
}

// RFC 9162 section 2.1.3.2.
async function inclusionHolds(leafHash, index, size, proof, root) {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let hash = leafHash;
  for (const sibling of proof) {
    if (sn === 0) return false;
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
  return sn === 0 && bytesEqual(hash, root);
}

// ---- RFC 3161 time-stamp tokens: just enough DER to find the message imprint ---------------------------------------

function readTlv(bytes, at, limit) {
  if (at + 2 > limit) return undefined;
  const tag = bytes[at];
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = bytes[at + 1];
  let start = at + 2;
  if (length >= 0x80) {
    const octets = length - 0x80;
    if (octets === 0 || octets > 4 || start + octets > limit) return undefined;
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + bytes[start + i];
    start += octets;
  }
  const end = start + length;
  return end > limit ? undefined : { tag: tag, start: start, end: end };
}

function childrenOf(bytes, parent) {
  const children = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readTlv(bytes, at, parent.end);
    if (child === undefined) return [];
    children.push(child);
    at = child.end;
  }
  return children;
}

function is(tlv, tag) {
  return tlv !== undefined && tlv.tag === tag;
}

function decodeTimeStampToken(token) {
  const oid = (bytes, tlv) => hex(bytes.subarray(tlv.start, tlv.end));
  const contentInfo = readTlv(token, 0, token.length);
  if (!is(contentInfo, 0x30) || contentInfo.end !== token.length) return undefined;
  const [contentType, explicitContent] = childrenOf(token, contentInfo);
  if (!is(contentType, 0x06) || oid(token, contentType) !== '2a864886f70d010702' || !is(explicitContent, 0xa0)) return undefined;
  const [signedData] = childrenOf(token, explicitContent);
  if (!is(signedData, 0x30)) return undefined;
  const [version, digestAlgorithms, encapContentInfo] = childrenOf(token, signedData);
  if (!is(version, 0x02) || !is(digestAlgorithms, 0x31) || !is(encapContentInfo, 0x30)) return undefined;
  const [eContentType, explicitEContent] = childrenOf(token, encapContentInfo);
  if (!is(eContentType, 0x06) || oid(token, eContentType) !== '2a864886f70d0109100104' || !is(explicitEContent, 0xa0)) return undefined;
  const [eContent] = childrenOf(token, explicitEContent);
  if (!is(eContent, 0x04)) return undefined;
  const info = token.subarray(eContent.start, eContent.end);
  const tstInfo = readTlv(info, 0, info.length);
  if (!is(tstInfo, 0x30)) return undefined;
  const [tstVersion, policy, messageImprint, serialNumber, genTime] = childrenOf(info, tstInfo);
  if (!is(tstVersion, 0x02) || !is(policy, 0x06) || !is(messageImprint, 0x30) || !is(serialNumber, 0x02)) return undefined;
  if (!is(genTime, 0x18)) return undefined;
  const [algorithm, hashedMessage] = childrenOf(info, messageImprint);
  if (!is(algorithm, 0x30) || !is(hashedMessage, 0x04)) return undefined;
  const [algorithmOid] = childrenOf(info, algorithm);
  if (!is(algorithmOid, 0x06)) return undefined;
  let timeText = '';
  for (let i = genTime.start; i < genTime.end; i += 1) timeText += String.fromCharCode(info[i]);
  const time = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(timeText);
  if (time === null) return undefined;
  return {
    sha256: oid(info, algorithmOid) === '608648016503040201',
    imprint: info.slice(hashedMessage.start, hashedMessage.end),
    time: time[1] + '-' + time[2] + '-' + time[3] + 'T' + time[4] + ':' + time[5] + ':' + time[6] + (time[7] || '') + 'Z',
  };
}

// ---- the pack ---------------------------------------------------------------------------------------------------

class PackFailure extends Error {
  constructor(failure) {
    super(failure.message);
    this.failure = failure;
  }
}

function fail(code, message, file) {
  throw new PackFailure(file === undefined ? { code: code, message: message } : { code: code, message: message, file: file });
}

function isPackPath(path) {
  return PACK.fixedFiles.includes(path) || PROOF_PATH.test(path) || ANCHOR_PATH.test(path);
}

function isSelection(value) {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'subject':
      return hasMembers(value, ['kind', 'subject']) && isPair(value.subject);
    case 'index-range':
      return hasMembers(value, ['end', 'kind', 'start']) && isIndex(value.start) && isIndex(value.end) && value.start <= value.end;
    case 'time-range':
      return hasMembers(value, ['from', 'kind', 'to']) && isText(value.from) && isText(value.to);
    default:
      return false;
  }
}

function manifestProblem(value) {
  if (!isRecord(value)) return 'manifest.json is not a JSON object';
  if (value.format !== PACK.format || value.version !== PACK.version) {
    return 'this is not a ' + PACK.format + ' version ' + PACK.version + ' manifest';
  }
  if (!hasMembers(value, PACK.manifestMembers)) return 'the members must be exactly ' + PACK.manifestMembers.join(', ');
  if (!isText(value.origin)) return 'origin must be a non-empty string';
  if (typeof value.createdAt !== 'string' || !UTC_TIME.test(value.createdAt)) return 'createdAt must be an RFC 3339 time in UTC';
  if (!isSelection(value.selection)) return 'selection is not a subject, index-range or time-range';
  const checkpoint = value.checkpoint;
  if (!isRecord(checkpoint) || !hasMembers(checkpoint, ['rootHash', 'size']) || !isIndex(checkpoint.size)) {
    return 'checkpoint must be { size, rootHash }';
  }
  const rootHash = typeof checkpoint.rootHash === 'string' ? decodeBase64(checkpoint.rootHash) : undefined;
  if (rootHash === undefined || rootHash.length !== 32) return 'checkpoint.rootHash must be the base64 of 32 bytes';
  if (!isIndex(value.witnessQuorum)) return 'witnessQuorum must be a non-negative integer';
  const entries = value.entries;
  if (!Array.isArray(entries) || !entries.every((index, i) => isIndex(index) && (i === 0 || index > entries[i - 1]))) {
    return 'entries must be entry indexes in strictly ascending order';
  }
  const listed = new Set(entries);
  const files = value.files;
  if (!isRecord(files)) return 'files must map paths to SHA-256 hashes';
  for (const [path, hash] of Object.entries(files)) {
    if (!isPackPath(path)) return 'files lists ' + JSON.stringify(path) + ', which a pack never holds';
    if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) return 'the hash of ' + path + ' is not lowercase hex SHA-256';
    const proof = PROOF_PATH.exec(path);
    if (proof !== null && !listed.has(Number(proof[1]))) return 'files lists ' + path + ', but entry ' + proof[1] + ' is not in entries';
  }
  const missing = PACK.requiredFiles.find((path) => !Object.hasOwn(files, path));
  return missing === undefined ? undefined : 'files does not list ' + missing;
}

function parseKeys(text) {
  const logKeys = [];
  const witnessKeys = [];
  let group;
  const lines = text.split('\n');
  for (let number = 0; number < lines.length; number += 1) {
    const line = lines[number].trim();
    if (line === '# log') group = logKeys;
    else if (line === '# witness') group = witnessKeys;
    else if (line === '' || line.startsWith('#')) continue;
    else if (group === undefined) return { error: 'line ' + (number + 1) + ' holds a key before any # log or # witness line' };
    else if (logKeys.includes(line) || witnessKeys.includes(line)) return { error: 'line ' + (number + 1) + ' repeats a key' };
    else group.push(line);
  }
  if (logKeys.length === 0) return { error: 'there is no log key (a # log line followed by a key)' };
  return { keys: { logKeys: logKeys, witnessKeys: witnessKeys } };
}

function entryProblem(value) {
  if (!isRecord(value) || !hasMembers(value, PACK.entryMembers)) return 'it must be an object with exactly ' + PACK.entryMembers.join(', ');
  if (!isIndex(value.index)) return 'index is not a non-negative integer';
  const base64 = (field) => isText(field) && decodeBase64(field) !== undefined;
  if (!base64(value.leaf)) return 'leaf is not base64';
  if (!isText(value.recordedAt) || !isText(value.action)) return 'recordedAt and action must be non-empty strings';
  if (!isPair(value.actor) || !isPair(value.subject)) return 'actor and subject must be { type, id }';
  if (value.erased === true) return value.payload === null && value.salt === null ? undefined : 'an erased entry has payload and salt null';
  if (value.erased !== false) return 'erased must be true or false';
  return base64(value.salt) ? undefined : 'salt is not base64';
}

function parseEntries(bytes) {
  const text = utf8(bytes);
  if (text === undefined) return { error: 'entries.jsonl is not UTF-8' };
  if (text === '') return { entries: [] };
  if (!text.endsWith('\n')) return { error: 'entries.jsonl must end with a newline' };
  const lines = text.slice(0, -1).split('\n');
  const entries = [];
  for (let number = 0; number < lines.length; number += 1) {
    let value;
    try {
      value = JSON.parse(lines[number]);
    } catch (error) {
      return { error: 'line ' + (number + 1) + ' is not JSON' };
    }
    const problem = entryProblem(value);
    if (problem !== undefined) return { error: 'line ' + (number + 1) + ': ' + problem };
    entries.push(value);
  }
  return { entries: entries };
}

function basename(path) {
  return path.slice(path.lastIndexOf('/') + 1);
}

async function checkFiles(manifest, files) {
  for (const path of Object.keys(manifest.files).sort()) {
    const bytes = files.get(path);
    if (bytes === undefined) fail('evidence/file_missing', path + ' is listed in manifest.json but missing', path);
    if (hex(await sha256(bytes)) !== manifest.files[path]) {
      fail('evidence/file_hash_mismatch', path + ' does not have the SHA-256 that manifest.json lists', path);
    }
  }
  for (const path of Array.from(files.keys()).sort()) {
    if (path === 'manifest.json' || Object.hasOwn(manifest.files, path)) continue;
    if (PACK.ignoredFiles.includes(basename(path))) continue;
    fail('evidence/unlisted_file', path + ' is not listed in manifest.json', path);
  }
}

async function loadKeys(keys, type, file) {
  const loaded = [];
  for (const key of keys) {
    try {
      loaded.push(await decodeVerifierKey(key, type));
    } catch (error) {
      fail('evidence/keys_invalid', key + ' is not a usable key (' + (error.code || 'audit/note_invalid_key') + ')', file);
    }
  }
  return loaded;
}

async function checkCheckpoint(files, manifest, keys, options) {
  const file = 'checkpoint.txt';
  const bytes = files.get(file);
  const keysFile = options.trustedKeys === undefined ? 'keys.txt' : 'trusted keys';
  const logVerifiers = await loadKeys(keys.logKeys, TYPE_ED25519, keysFile);
  const witnesses = await loadKeys(keys.witnessKeys, TYPE_COSIGNATURE, keysFile);
  let note;
  try {
    const text = utf8(bytes, true);
    if (text === undefined) throw new NoteError('audit/note_malformed', 'not valid UTF-8');
    note = parseSignedNote(text);
  } catch (error) {
    fail('evidence/checkpoint_malformed', 'checkpoint.txt is not a signed note (' + error.code + ')', file);
  }
  let logSignatures;
  try {
    logSignatures = await openSignedNote(note, logVerifiers);
  } catch (error) {
    if (error.code === 'audit/note_ambiguous_key') fail('evidence/keys_invalid', 'two log keys share a name and key id');
    fail('evidence/checkpoint_signature_invalid', 'no valid log signature (' + error.code + ')', file);
  }
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(note.text);
  } catch (error) {
    fail('evidence/checkpoint_malformed', 'the signed text is not a checkpoint (' + error.code + ')', file);
  }
  const rootHash = encodeBase64(checkpoint.rootHash);
  if (checkpoint.origin !== manifest.origin || checkpoint.size !== manifest.checkpoint.size || rootHash !== manifest.checkpoint.rootHash) {
    fail('evidence/checkpoint_mismatch', 'checkpoint.txt is not the checkpoint manifest.json names', file);
  }
  const witnessCosignatures = [];
  for (const signature of note.signatures) {
    const witness = witnesses.find((w) => w.name === signature.name && w.keyId === signature.keyId);
    if (witness === undefined || witnessCosignatures.some((cosignature) => cosignature.key === witness.label)) continue;
    const time = await verifyCosignature(witness, note.text, signature.signature);
    if (time === undefined) fail('evidence/witness_cosignature_invalid', 'the cosignature of ' + witness.label + ' does not verify', file);
    witnessCosignatures.push({ key: witness.label, time: time });
  }
  const witnessQuorum = Math.max(manifest.witnessQuorum, options.minWitnessQuorum || 0);
  if (witnessCosignatures.length < witnessQuorum) {
    fail(
      'evidence/witness_quorum_not_met',
      witnessCosignatures.length + ' of the required ' + witnessQuorum + ' witnesses cosigned the checkpoint',
      file,
    );
  }
  return {
    checkpoint: checkpoint,
    text: note.text,
    sha256: hex(await sha256(bytes)),
    result: {
      origin: checkpoint.origin,
      size: checkpoint.size,
      rootHash: rootHash,
      logSignatures: logSignatures,
      witnessCosignatures: witnessCosignatures,
      witnessQuorum: witnessQuorum,
    },
  };
}

function checkEntryList(files, manifest) {
  const file = 'entries.jsonl';
  const parsed = parseEntries(files.get(file));
  if (parsed.error !== undefined) fail('evidence/entry_malformed', parsed.error, file);
  const entries = parsed.entries;
  const listed = manifest.entries;
  if (entries.length !== listed.length || entries.some((entry, i) => entry.index !== listed[i])) {
    fail('evidence/entry_set_mismatch', 'entries.jsonl does not hold exactly the entries of manifest.json', file);
  }
  const selection = manifest.selection;
  if (selection.kind === 'subject') {
    const other = entries.find((entry) => entry.subject.type !== selection.subject.type || entry.subject.id !== selection.subject.id);
    if (other !== undefined) fail('evidence/selection_mismatch', 'entry ' + other.index + ' is about another subject', file);
  } else if (selection.kind === 'index-range') {
    if (listed.length !== selection.end - selection.start || listed.some((index, i) => index !== selection.start + i)) {
      fail('evidence/selection_mismatch', 'the entries are not every index from ' + selection.start + ' to ' + (selection.end - 1), file);
    }
  }
  return entries;
}

async function checkEntry(files, line, verified) {
  const index = line.index;
  const failed = (code, message, file) => ({
    index: index,
    status: 'failed',
    recordedAt: line.recordedAt,
    action: line.action,
    failure: { code: code, message: 'entry ' + index + ': ' + message, file: file, index: index },
  });
  const leafBytes = decodeBase64(line.leaf);
  const leaf = decodeAuditLeaf(leafBytes);
  if (leaf === undefined) return failed('evidence/leaf_mismatch', 'the leaf is not a version 1 audit leaf', 'entries.jsonl');
  const differing = [
    leaf.recordedAt !== line.recordedAt && 'recordedAt',
    (leaf.actor.type !== line.actor.type || leaf.actor.id !== line.actor.id) && 'actor',
    leaf.action !== line.action && 'action',
    (leaf.subject.type !== line.subject.type || leaf.subject.id !== line.subject.id) && 'subject',
  ].filter((field) => field !== false);
  if (differing.length > 0) return failed('evidence/leaf_mismatch', 'the leaf holds another ' + differing.join(', '), 'entries.jsonl');

  if (!line.erased) {
    let payloadBytes;
    try {
      payloadBytes = encodeUtf8(canonicalJson(line.payload));
    } catch (error) {
      return failed('evidence/payload_hash_mismatch', 'the payload has no canonical form', 'entries.jsonl');
    }
    const payloadHash = await sha256(concat([decodeBase64(line.salt), payloadBytes]));
    if (!bytesEqual(payloadHash, leaf.payloadHashBytes)) {
      return failed('evidence/payload_hash_mismatch', 'the payload and salt do not hash to the leaf', 'entries.jsonl');
    }
  }

  const proofFile = 'proofs/' + index + '.tlog-proof';
  const proofBytes = files.get(proofFile);
  if (proofBytes === undefined) return failed('evidence/proof_missing', proofFile + ' is missing', proofFile);
  const problem = await inclusionProblem(proofBytes, index, leafBytes, verified);
  if (problem !== undefined) return failed('evidence/inclusion_proof_invalid', problem, proofFile);
  return { index: index, status: line.erased ? 'erased' : 'verified', recordedAt: line.recordedAt, action: line.action };
}

async function inclusionProblem(proofBytes, index, leafBytes, verified) {
  const text = utf8(proofBytes);
  if (text === undefined) return 'the proof is not UTF-8';
  let proof;
  try {
    proof = decodeTlogProof(text);
    if (proof.index !== index) return 'the proof is for entry ' + proof.index;
    if (parseSignedNote(proof.checkpoint).text !== verified.text) return 'the proof is against another checkpoint';
  } catch (error) {
    return 'the proof does not hold (' + error.code + ')';
  }
  const leafHash = await sha256(concat([Uint8Array.of(0x00), leafBytes]));
  const holds = await inclusionHolds(leafHash, index, verified.checkpoint.size, proof.hashes, verified.checkpoint.rootHash);
  return holds ? undefined : 'the proof does not hold (it does not lead to the checkpoint root)';
}

function checkAnchor(file, bytes, sha256Hex) {
  let receipt;
  try {
    receipt = JSON.parse(utf8(bytes) || '');
  } catch (error) {
    receipt = undefined;
  }
  const kind = isRecord(receipt) ? receipt.kind : undefined;
  const failed = (code, message, shownKind) => ({
    result: { file: file, kind: shownKind === undefined ? String(kind) : shownKind, status: 'failed' },
    failure: { code: code, message: file + ': ' + message, file: file },
  });
  if (typeof kind !== 'string' || kind === '') return failed('evidence/anchor_invalid', 'the receipt is not a JSON object with a kind', '');
  const hexField = (name) => {
    const value = receipt[name];
    return typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : undefined;
  };
  if (kind === 'rfc3161') {
    const imprint = hexField('imprintSha256');
    const token = typeof receipt.tokenBase64 === 'string' ? decodeBase64(receipt.tokenBase64) : undefined;
    if (imprint === undefined || token === undefined || token.length === 0) {
      return failed('evidence/anchor_invalid', 'an rfc3161 receipt needs tokenBase64 and imprintSha256');
    }
    const contents = decodeTimeStampToken(token);
    if (contents === undefined) return failed('evidence/anchor_invalid', 'tokenBase64 is not an RFC 3161 token');
    if (imprint !== sha256Hex) return failed('evidence/anchor_mismatch', 'imprintSha256 is not that of checkpoint.txt');
    if (!contents.sha256 || hex(contents.imprint) !== sha256Hex) {
      return failed('evidence/anchor_mismatch', 'the token time-stamps another imprint than checkpoint.txt');
    }
    return { result: { file: file, kind: kind, status: 'verified', time: contents.time } };
  }
  if (kind === 'write-once-directory') {
    const fileHash = hexField('sha256');
    if (fileHash === undefined) return failed('evidence/anchor_invalid', 'a write-once-directory receipt needs sha256');
    if (fileHash !== sha256Hex) return failed('evidence/anchor_mismatch', 'sha256 is not that of checkpoint.txt');
    return { result: { file: file, kind: kind, status: 'verified' } };
  }
  return { result: { file: file, kind: kind, status: 'unchecked' } };
}

// A known-good RFC 8032 public key: if WebCrypto cannot import it, the browser lacks Ed25519 altogether.
const PROBE_KEY = '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';

async function browserSupportsEd25519() {
  try {
    await importEd25519(decodeBase64(PROBE_KEY));
    return true;
  } catch (error) {
    return false;
  }
}

/**
 * Verifies a pack given as a Map of relative path to bytes. Resolves to { report, entries }: the report has the
 * shape of EvidencePackVerifier's, and entries are the parsed lines of entries.jsonl (for display) when they parsed.
 */
async function verifyEvidencePack(files, options) {
  const settings = options || {};
  const entries = [];
  const anchors = [];
  let lines = [];
  let checkpointResult;
  let failure;
  try {
    if (typeof crypto === 'undefined' || crypto.subtle === undefined || !(await browserSupportsEd25519())) {
      fail('evidence/browser_unsupported', 'this browser has no WebCrypto Ed25519');
    }
    const manifestBytes = files.get('manifest.json');
    if (manifestBytes === undefined) fail('evidence/manifest_invalid', 'the pack has no manifest.json', 'manifest.json');
    let manifest;
    try {
      manifest = JSON.parse(utf8(manifestBytes));
    } catch (error) {
      fail('evidence/manifest_invalid', 'manifest.json is not UTF-8 JSON', 'manifest.json');
    }
    const problem = manifestProblem(manifest);
    if (problem !== undefined) fail('evidence/manifest_invalid', problem, 'manifest.json');
    await checkFiles(manifest, files);

    const keysFile = settings.trustedKeys === undefined ? 'keys.txt' : 'trusted keys';
    const keysText = settings.trustedKeys === undefined ? utf8(files.get('keys.txt')) : settings.trustedKeys;
    if (keysText === undefined) fail('evidence/keys_invalid', 'keys.txt is not UTF-8', keysFile);
    const keys = parseKeys(keysText);
    if (keys.error !== undefined) fail('evidence/keys_invalid', keys.error, keysFile);

    const verified = await checkCheckpoint(files, manifest, keys.keys, settings);
    checkpointResult = verified.result;
    lines = checkEntryList(files, manifest);
    for (const line of lines) entries.push(await checkEntry(files, line, verified));
    const anchorChecks = Array.from(files.keys())
      .filter((path) => path.startsWith('anchors/') && path.endsWith('.json'))
      .sort()
      .map((path) => checkAnchor(path, files.get(path), verified.sha256));
    for (const check of anchorChecks) anchors.push(check.result);
    const failedEntry = entries.find((entry) => entry.failure !== undefined);
    const failedAnchor = anchorChecks.find((check) => check.failure !== undefined);
    failure = failedEntry !== undefined ? failedEntry.failure : failedAnchor !== undefined ? failedAnchor.failure : undefined;
  } catch (error) {
    if (!(error instanceof PackFailure)) throw error;
    failure = error.failure;
  }
  const count = (list, status) => list.filter((item) => item.status === status).length;
  const report = {
    ok: failure === undefined,
    entries: entries,
    anchors: anchors,
    summary: {
      entries: entries.length,
      verified: count(entries, 'verified'),
      erased: count(entries, 'erased'),
      failed: count(entries, 'failed'),
      anchorsVerified: count(anchors, 'verified'),
      anchorsUnchecked: count(anchors, 'unchecked'),
    },
  };
  if (failure !== undefined) report.failure = failure;
  if (checkpointResult !== undefined) report.checkpoint = checkpointResult;
  return { report: report, entries: lines };
}

// ---- the page ---------------------------------------------------------------------------------------------------

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function describeEntity(pair) {
  return pair.type + ' ' + pair.id;
}

function show(outcome) {
  const report = outcome.report;
  const result = document.getElementById('result');
  const verdict = document.getElementById('verdict');
  verdict.textContent = report.ok ? 'Verified' : 'Not verified';
  verdict.className = report.ok ? 'verdict ok' : 'verdict bad';
  const summary = report.summary;
  document.getElementById('summary').textContent =
    summary.entries + (summary.entries === 1 ? ' entry: ' : ' entries: ') + summary.verified + ' verified, ' + summary.erased + ' erased' +
    (summary.failed > 0 ? ', ' + summary.failed + ' failed' : '') +
    '; anchors: ' + summary.anchorsVerified + ' verified, ' + summary.anchorsUnchecked + ' not checkable here.';

  const failureBox = document.getElementById('failure');
  failureBox.hidden = report.ok;
  if (!report.ok) {
    document.getElementById('failure-code').textContent = report.failure.code;
    document.getElementById('failure-message').textContent = report.failure.message;
    document.getElementById('failure-description').textContent = PACK.descriptions[report.failure.code] || '';
  }

  const checkpoint = document.getElementById('checkpoint');
  checkpoint.replaceChildren();
  if (report.checkpoint !== undefined) {
    const rows = [
      ['Log', report.checkpoint.origin],
      ['Tree size', String(report.checkpoint.size)],
      ['Root hash', report.checkpoint.rootHash],
      ['Signed by', report.checkpoint.logSignatures.join(', ')],
      [
        'Witnesses',
        report.checkpoint.witnessCosignatures.length === 0
          ? 'none'
          : report.checkpoint.witnessCosignatures
              .map((c) => c.key + ' at ' + new Date(Number(c.time) * 1000).toISOString())
              .join(', '),
      ],
      ['Witness quorum', String(report.checkpoint.witnessQuorum)],
    ];
    for (const row of rows) checkpoint.append(element('dt', row[0]), element('dd', row[1]));
  }

  const body = document.getElementById('entries-body');
  body.replaceChildren();
  const lines = new Map(outcome.entries.map((line) => [line.index, line]));
  for (const entry of report.entries) {
    const line = lines.get(entry.index);
    const row = element('tr');
    row.append(
      element('td', String(entry.index)),
      element('td', line.recordedAt),
      element('td', describeEntity(line.actor)),
      element('td', line.action),
      element('td', describeEntity(line.subject)),
      element('td', entry.status, 'status ' + entry.status),
    );
    const payloadCell = element('td');
    if (line.erased) payloadCell.textContent = 'erased';
    else {
      const details = element('details');
      details.append(element('summary', 'payload'), element('pre', JSON.stringify(line.payload, null, 2)));
      payloadCell.append(details);
    }
    row.append(payloadCell);
    body.append(row);
  }
  document.getElementById('entries').hidden = report.entries.length === 0;

  const anchorList = document.getElementById('anchors');
  anchorList.replaceChildren();
  for (const anchor of report.anchors) {
    anchorList.append(element('li', anchor.file + ' (' + anchor.kind + '): ' + anchor.status + (anchor.time ? ', time-stamped ' + anchor.time : '')));
  }
  result.hidden = false;
  result.dataset.state = 'done';
}

async function readFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}

// Folder pickers name files "<chosen folder>/<path>"; the pack's paths start below the chosen folder.
async function filesFromInput(list) {
  const files = new Map();
  for (const file of Array.from(list)) {
    const relative = file.webkitRelativePath || file.name;
    const slash = relative.indexOf('/');
    files.set(file.webkitRelativePath && slash >= 0 ? relative.slice(slash + 1) : relative, await readFile(file));
  }
  return files;
}

async function directoryEntries(directory) {
  const reader = directory.createReader();
  const all = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function addDropped(entry, prefix, files) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    files.set(prefix + entry.name, await readFile(file));
  } else if (entry.isDirectory) {
    for (const child of await directoryEntries(entry)) await addDropped(child, prefix + entry.name + '/', files);
  }
}

// Dropping the pack folder itself makes it the root; dropping its contents works too.
async function filesFromDrop(entries) {
  const files = new Map();
  const roots = entries.length === 1 && entries[0].isDirectory ? await directoryEntries(entries[0]) : entries;
  for (const entry of roots) await addDropped(entry, '', files);
  return files;
}

let trustedKeys;

async function run(read) {
  const result = document.getElementById('result');
  result.hidden = false;
  result.dataset.state = 'working';
  document.getElementById('verdict').textContent = 'Verifying\u2026';
  document.getElementById('verdict').className = 'verdict';
  try {
    const files = await read();
    show(await verifyEvidencePack(files, { trustedKeys: trustedKeys }));
  } catch (error) {
    show({
      report: {
        ok: false,
        failure: { code: 'evidence/manifest_invalid', message: 'the folder could not be read: ' + String(error) },
        entries: [],
        anchors: [],
        summary: { entries: 0, verified: 0, erased: 0, failed: 0, anchorsVerified: 0, anchorsUnchecked: 0 },
      },
      entries: [],
    });
  }
}

function start() {
  const input = document.getElementById('pack');
  input.addEventListener('change', () => {
    if (input.files !== null && input.files.length > 0) run(() => filesFromInput(input.files));
  });
  const keysInput = document.getElementById('trusted-keys');
  keysInput.addEventListener('change', async () => {
    const file = keysInput.files !== null ? keysInput.files[0] : undefined;
    // A file that is not UTF-8 becomes no keys at all, so that verification fails instead of quietly using the pack's.
    trustedKeys = file === undefined ? undefined : utf8(await readFile(file)) || '';
    document.getElementById('trusted-keys-state').textContent =
      file === undefined ? 'Using the keys in the pack (keys.txt).' : 'Using only the keys in ' + file.name + '.';
  });
  const drop = document.getElementById('drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    // Entries must be taken before the first await: the browser empties dataTransfer once the handler returns.
    const entries = Array.from(event.dataTransfer.items)
      .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null))
      .filter((entry) => entry !== null);
    run(() => filesFromDrop(entries));
  });
}

if (typeof document !== 'undefined') start();
`;
