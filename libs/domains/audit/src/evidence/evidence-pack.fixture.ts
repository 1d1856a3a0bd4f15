import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { encodeBase64 } from '../canonical/base64.codec.js';
import { canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';
import type { AuditActorType, AuditPayload } from '../ledger/audit-event.types.js';
import { auditLeafBytes, PAYLOAD_SALT_SIZE, saltedPayloadHash } from '../ledger/audit-leaf.codec.js';
import { formatCheckpoint } from '../note/checkpoint.codec.js';
import { Ed25519NoteSigner } from '../note/ed25519-note.signer.js';
import { ed25519Pkcs8Der, ed25519PublicKeyFromSeed, formatNoteKeyId } from '../note/note-key.codec.js';
import { generateNoteKeyPair, type NoteKeyPair } from '../note/note-key.generator.js';
import { formatNoteSignatureLine, parseSignedNote } from '../note/signed-note.codec.js';
import { signNote } from '../note/signed-note.signer.js';
import { inclusionProofFromLeafHashes } from '../proof/inclusion-proof.builder.js';
import { encodeTlogProof } from '../proof/tlog-proof.codec.js';
import { rootFromLeafHashes } from '../tree/compact-range.builder.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { buildEvidencePack } from './evidence-pack.builder.js';
import type { EvidencePackFailureCode } from './evidence-pack.errors.js';
import type {
  EvidenceAnchorReceipt,
  EvidencePackEntryInput,
  EvidencePackInput,
  EvidencePackManifest,
} from './evidence-pack.types.js';
import { COSIGNATURE_TYPE_ED25519, cosignatureKeyId, cosignatureMessage } from './witness-cosignature.verifier.js';

/*
 * Test data for the evidence pack specs (unit, page-in-Node and browser): a synthetic log built with the real core
 * (leaves, salted payload hashes, RFC 6962 proofs, signed checkpoints, timestamped witness cosignatures), a valid
 * pack of it, and a catalogue of tampered copies with the failure each must produce.
 */

export const FIXTURE_ORIGIN = 'verity.example/tenant-evidence';
/** The log has 23 entries (not a power of two, so proofs cross the ragged right edge); the pack holds 2..21. */
export const FIXTURE_LOG_SIZE = 23;
export const FIXTURE_FIRST_INDEX = 2;
export const FIXTURE_ENTRY_COUNT = 20;
export const FIXTURE_ERASED_INDEX = 7;

/** A witness key pair that produces c2sp.org/tlog-cosignature type 0x04 cosignatures. */
export class FixtureWitness {
  readonly verifierKey: string;
  readonly keyId: number;
  private readonly seed = new Uint8Array(randomBytes(32));

  constructor(readonly name: string) {
    const publicKey = ed25519PublicKeyFromSeed(this.seed);
    this.keyId = cosignatureKeyId(name, publicKey);
    this.verifierKey = `${name}+${formatNoteKeyId(this.keyId)}+${encodeBase64(Uint8Array.of(COSIGNATURE_TYPE_ED25519, ...publicKey))}`;
  }

  /** The note with this witness's cosignature line appended, as a witness hands it back. */
  cosign(note: string, time = 1_769_850_902n): string {
    const { text } = parseSignedNote(note);
    const privateKey = createPrivateKey({ key: ed25519Pkcs8Der(this.seed), format: 'der', type: 'pkcs8' });
    const signature = new Uint8Array(sign(null, cosignatureMessage(text, time), privateKey));
    const timestamp = new Uint8Array(8);
    new DataView(timestamp.buffer).setBigUint64(0, time);
    return `${note}${formatNoteSignatureLine({ name: this.name, keyId: this.keyId, signature: Uint8Array.of(...timestamp, ...signature) })}`;
  }
}

function der(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Uint8Array.from(contents.flatMap((part) => [...part]));
  const length =
    body.length < 0x80
      ? [body.length]
      : body.length < 0x100
        ? [0x81, body.length]
        : [0x82, body.length >> 8, body.length & 0xff];
  return Uint8Array.of(tag, ...length, ...body);
}

const oid = (hex: string): Uint8Array => der(0x06, Buffer.from(hex, 'hex'));
const SHA256_ALGORITHM = (): Uint8Array => der(0x30, oid('608648016503040201'), der(0x05));

/**
 * An RFC 3161 TimeStampToken with the shape a TSA returns (ContentInfo → SignedData → TSTInfo) for `imprint`. Its
 * signer infos are empty: the page and the verifier read only the imprint and time, and leave the TSA's signature to
 * `openssl ts -verify`.
 */
export function fixtureTimeStampToken(imprint: Uint8Array, genTime = '20260131091502Z'): Uint8Array {
  const tstInfo = der(
    0x30,
    der(0x02, Uint8Array.of(1)),
    oid('2a0304'),
    der(0x30, SHA256_ALGORITHM(), der(0x04, imprint)),
    der(0x02, Uint8Array.of(0x2a)),
    der(0x18, new TextEncoder().encode(genTime)),
  );
  const signedData = der(
    0x30,
    der(0x02, Uint8Array.of(3)),
    der(0x31, SHA256_ALGORITHM()),
    der(0x30, oid('2a864886f70d0109100104'), der(0xa0, der(0x04, tstInfo))),
    der(0x31),
  );
  return der(0x30, oid('2a864886f70d010702'), der(0xa0, signedData));
}

function sha256(bytes: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

const ACTOR_TYPES: readonly AuditActorType[] = ['user', 'key', 'system'];

function payloadOf(index: number): AuditPayload {
  // Values that canonicalisation must get exactly right: key order, escapes, non-ASCII, exponents, -0, nesting.
  return {
    index,
    zeta: 'last by code unit',
    amount: { value: '1250.00', currency: 'EUR' },
    note: `Grüße, "quoted" \\ tab\t — entry ${index}`,
    ratios: [0.1, 1e21, -0, 1 / 3],
    flags: { ok: index % 2 === 0, nothing: null },
    '\u00e9': 'e-acute key',
    emoji: '\u{1F600}',
  };
}

interface FixtureLogEntry {
  readonly index: number;
  readonly leaf: Uint8Array;
  readonly payload: AuditPayload;
  readonly salt: Uint8Array;
}

function fixtureLog(size: number, label: string): FixtureLogEntry[] {
  return Array.from({ length: size }, (_, index) => {
    const payload = payloadOf(index);
    const salt = new Uint8Array(randomBytes(PAYLOAD_SALT_SIZE));
    const leaf = auditLeafBytes({
      recordedAt: `2026-01-31T09:15:${String(index).padStart(2, '0')}.123456Z`,
      actor: { type: ACTOR_TYPES[index % 3], id: `${label}-actor-${index % 4}` },
      action: index % 2 === 0 ? 'cases.alert.opened' : 'identity.sign_in.succeeded',
      subject: { type: 'customer', id: `cus-${index % 5}` },
      payloadHash: saltedPayloadHash(salt, canonicalJsonBytes(payload)),
    });
    return { index, leaf, payload, salt };
  });
}

export interface FixtureCheckpoint {
  readonly note: string;
  readonly leafHashes: readonly Uint8Array[];
}

export interface TamperCase {
  readonly name: string;
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Undefined when the pack must still verify. */
  readonly code: EvidencePackFailureCode | undefined;
  readonly file?: string;
  readonly index?: number;
  /** Passed to the verifier, for the cases about what the auditor trusts. */
  readonly options?: { readonly trustedKeys?: string; readonly minWitnessQuorum?: number };
}

export interface EvidenceFixture {
  readonly input: EvidencePackInput;
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly manifest: EvidencePackManifest;
  readonly logKeys: NoteKeyPair;
  readonly witnesses: readonly FixtureWitness[];
  /** The checkpoint signed by the log only, before the witnesses cosigned. */
  readonly logOnlyNote: string;
  readonly cases: readonly TamperCase[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function text(files: ReadonlyMap<string, Uint8Array>, path: string): string {
  return decoder.decode(files.get(path));
}

/** A copy of the pack with `path` replaced (or removed), and manifest.json updated to match unless `rehash` is false. */
export function withFile(
  files: ReadonlyMap<string, Uint8Array>,
  path: string,
  contents: string | Uint8Array | undefined,
  rehash = true,
): Map<string, Uint8Array> {
  const copy = new Map(files);
  if (contents === undefined) copy.delete(path);
  else copy.set(path, typeof contents === 'string' ? encoder.encode(contents) : contents);
  if (!rehash || path === 'manifest.json') return copy;
  return editManifest(copy, (manifest) => {
    const listed: Record<string, string> = { ...manifest.files };
    if (contents === undefined) delete listed[path];
    else listed[path] = Buffer.from(sha256(copy.get(path) ?? new Uint8Array())).toString('hex');
    return { ...manifest, files: listed };
  });
}

export function editManifest(
  files: ReadonlyMap<string, Uint8Array>,
  edit: (manifest: EvidencePackManifest) => unknown,
): Map<string, Uint8Array> {
  const manifest = JSON.parse(text(files, 'manifest.json')) as EvidencePackManifest;
  return new Map(files).set('manifest.json', encoder.encode(`${JSON.stringify(edit(manifest), null, 2)}\n`));
}

/** The byte in the middle of the file, XOR 1: one flipped bit, which any check must notice. */
export function flipByte(bytes: Uint8Array, at = Math.floor(bytes.length / 2)): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at] ^= 0x01;
  return copy;
}

function editEntryLine(
  files: ReadonlyMap<string, Uint8Array>,
  index: number,
  edit: (entry: Record<string, unknown>) => Record<string, unknown>,
): Map<string, Uint8Array> {
  const lines = text(files, 'entries.jsonl')
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(entry.index === index ? edit(entry) : entry);
    });
  return withFile(files, 'entries.jsonl', `${lines.join('\n')}\n`);
}

function replaceAll(source: string, from: string, to: string): string {
  if (!source.includes(from)) throw new Error(`fixture: ${JSON.stringify(from)} not found`);
  return source.split(from).join(to);
}

/** Builds the synthetic log and its pack, then every tampered variant the specs check. */
export async function createEvidenceFixture(): Promise<EvidenceFixture> {
  const log = fixtureLog(FIXTURE_LOG_SIZE, 'log');
  const leafHashes = log.map(({ leaf }) => hashLeaf(leaf));
  const logKeys = generateNoteKeyPair(FIXTURE_ORIGIN);
  const logSigner = Ed25519NoteSigner.fromSignerKey(logKeys.signerKey);
  const witnesses = [new FixtureWitness('witness.example/w1'), new FixtureWitness('witness.example/w2')];

  const signCheckpoint = async (hashes: readonly Uint8Array[]): Promise<string> =>
    signNote(formatCheckpoint({ origin: FIXTURE_ORIGIN, size: hashes.length, rootHash: rootFromLeafHashes(hashes) }), [
      logSigner,
    ]);
  const logOnlyNote = await signCheckpoint(leafHashes);
  const note = witnesses.reduce((signed, witness) => witness.cosign(signed), logOnlyNote);
  const proofFor = (index: number, checkpoint: string, hashes: readonly Uint8Array[] = leafHashes): string =>
    encodeTlogProof({ index, hashes: inclusionProofFromLeafHashes(index, hashes.length, hashes), checkpoint });

  const exported = log.slice(FIXTURE_FIRST_INDEX, FIXTURE_FIRST_INDEX + FIXTURE_ENTRY_COUNT);
  const entries = exported.map(({ index, leaf, payload, salt }): EvidencePackEntryInput => {
    const proof = proofFor(index, note);
    return index === FIXTURE_ERASED_INDEX
      ? { index, leaf, proof, erased: true }
      : { index, leaf, proof, erased: false, payload, salt };
  });
  const imprint = sha256(note);
  const anchors: EvidenceAnchorReceipt[] = [
    {
      kind: 'rfc3161',
      createdAt: '2026-01-31T09:15:03.000Z',
      tsaUrl: 'http://tsa.example/',
      imprintSha256: Buffer.from(imprint).toString('hex'),
      tokenBase64: encodeBase64(fixtureTimeStampToken(imprint)),
    },
    {
      kind: 'write-once-directory',
      createdAt: '2026-01-31T09:15:03.000Z',
      path: `/var/lib/verity/anchors/${FIXTURE_LOG_SIZE}.checkpoint`,
      sha256: Buffer.from(imprint).toString('hex'),
    },
    { kind: 's3-object-lock', createdAt: '2026-01-31T09:15:04.000Z', bucket: 'audit-anchors' },
  ];
  const input: EvidencePackInput = {
    checkpoint: note,
    logKeys: [logKeys.verifierKey],
    witnessKeys: witnesses.map(({ verifierKey }) => verifierKey),
    witnessQuorum: 2,
    entries,
    anchors,
    selection: { kind: 'index-range', start: FIXTURE_FIRST_INDEX, end: FIXTURE_FIRST_INDEX + FIXTURE_ENTRY_COUNT },
    createdAt: new Date('2026-02-01T10:00:00.000Z'),
  };
  const { files, manifest } = buildEvidencePack(input);

  const cases: TamperCase[] = [];
  const add = (tamper: TamperCase): void => {
    cases.push(tamper);
  };

  // One flipped byte in each file as it arrived: the manifest's hashes catch it before anything else is read.
  for (const path of [...files.keys()].filter((p) => p !== 'manifest.json').sort()) {
    add({
      name: `one byte of ${path}`,
      files: withFile(files, path, flipByte(files.get(path) ?? new Uint8Array()), false),
      code: 'evidence/file_hash_mismatch',
      file: path,
    });
  }
  const manifestText = text(files, 'manifest.json');
  add({
    name: 'one byte of manifest.json (its format)',
    files: withFile(
      files,
      'manifest.json',
      flipByte(files.get('manifest.json') ?? new Uint8Array(), manifestText.indexOf('verity-evidence-pack')),
    ),
    code: 'evidence/manifest_invalid',
    file: 'manifest.json',
  });
  // A digit of a listed hash, flipped to another digit, so that the manifest stays well-formed.
  const keysHash = manifest.files['keys.txt'];
  const digitAt = manifestText.indexOf(keysHash) + keysHash.search(/[0-9]/);
  add({
    name: 'one byte of manifest.json (a listed hash)',
    files: withFile(files, 'manifest.json', flipByte(files.get('manifest.json') ?? new Uint8Array(), digitAt)),
    code: 'evidence/file_hash_mismatch',
    file: 'keys.txt',
  });

  // An attacker who also rewrites manifest.json: the signatures, hashes and proofs catch each change.
  const checkpointText = text(files, 'checkpoint.txt');
  add({
    name: 'the tree size in checkpoint.txt',
    files: withFile(
      files,
      'checkpoint.txt',
      replaceAll(checkpointText, `\n${FIXTURE_LOG_SIZE}\n`, `\n${FIXTURE_LOG_SIZE + 1}\n`),
    ),
    code: 'evidence/checkpoint_signature_invalid',
    file: 'checkpoint.txt',
  });
  const witnessLine = checkpointText.split('\n').find((line) => line.startsWith(`\u2014 ${witnesses[1].name} `)) ?? '';
  const forgedLine = `${witnessLine.slice(0, -6)}${witnessLine.slice(-6, -5) === 'A' ? 'B' : 'A'}${witnessLine.slice(-5)}`;
  add({
    name: 'a witness cosignature in checkpoint.txt',
    files: withFile(files, 'checkpoint.txt', replaceAll(checkpointText, witnessLine, forgedLine)),
    code: 'evidence/witness_cosignature_invalid',
    file: 'checkpoint.txt',
  });
  add({
    name: 'a cosignature removed, below the quorum of 2',
    files: withFile(files, 'checkpoint.txt', replaceAll(checkpointText, `${witnessLine}\n`, '')),
    code: 'evidence/witness_quorum_not_met',
    file: 'checkpoint.txt',
  });
  add({
    name: 'a cosignature removed, with a quorum of 1 (the anchors cover the note as cosigned)',
    files: editManifest(withFile(files, 'checkpoint.txt', replaceAll(checkpointText, `${witnessLine}\n`, '')), (m) => ({
      ...m,
      witnessQuorum: 1,
    })),
    code: 'evidence/anchor_mismatch',
    file: 'anchors/01-rfc3161.json',
  });
  add({
    name: 'a quorum of 3 of 2 witnesses',
    files: editManifest(files, (m) => ({ ...m, witnessQuorum: 3 })),
    code: 'evidence/witness_quorum_not_met',
    file: 'checkpoint.txt',
  });
  add({
    name: 'an auditor requiring 3 witnesses',
    files,
    options: { minWitnessQuorum: 3 },
    code: 'evidence/witness_quorum_not_met',
    file: 'checkpoint.txt',
  });
  add({
    name: 'the checkpoint size in manifest.json',
    files: editManifest(files, (m) => ({ ...m, checkpoint: { ...m.checkpoint, size: FIXTURE_LOG_SIZE + 1 } })),
    code: 'evidence/checkpoint_mismatch',
    file: 'checkpoint.txt',
  });

  const otherLogKeys = generateNoteKeyPair(FIXTURE_ORIGIN);
  const keysText = text(files, 'keys.txt');
  add({
    name: 'a wrong log key in keys.txt',
    files: withFile(files, 'keys.txt', replaceAll(keysText, logKeys.verifierKey, otherLogKeys.verifierKey)),
    code: 'evidence/checkpoint_signature_invalid',
    file: 'checkpoint.txt',
  });
  add({
    name: 'a wrong log key trusted by the auditor',
    files,
    options: { trustedKeys: replaceAll(keysText, logKeys.verifierKey, otherLogKeys.verifierKey) },
    code: 'evidence/checkpoint_signature_invalid',
    file: 'checkpoint.txt',
  });
  add({
    name: 'the right keys trusted by the auditor',
    files: withFile(files, 'keys.txt', replaceAll(keysText, logKeys.verifierKey, otherLogKeys.verifierKey)),
    options: { trustedKeys: keysText },
    code: undefined,
  });
  add({
    name: 'a malformed key in keys.txt',
    files: withFile(
      files,
      'keys.txt',
      replaceAll(keysText, logKeys.verifierKey, `${logKeys.verifierKey.slice(0, -2)}A=`),
    ),
    code: 'evidence/keys_invalid',
    file: 'keys.txt',
  });

  // A checkpoint the log really signed and the witnesses cosigned, but of another tree.
  const otherLog = fixtureLog(FIXTURE_LOG_SIZE, 'other');
  const otherHashes = otherLog.map(({ leaf }) => hashLeaf(leaf));
  const otherNote = witnesses.reduce((signed, witness) => witness.cosign(signed), await signCheckpoint(otherHashes));
  const otherRoot = encodeBase64(rootFromLeafHashes(otherHashes));
  const withOtherCheckpoint = editManifest(withFile(files, 'checkpoint.txt', otherNote), (m) => ({
    ...m,
    checkpoint: { ...m.checkpoint, rootHash: otherRoot },
  }));
  add({
    name: 'a checkpoint from a different tree',
    files: withOtherCheckpoint,
    code: 'evidence/inclusion_proof_invalid',
    file: `proofs/${FIXTURE_FIRST_INDEX}.tlog-proof`,
    index: FIXTURE_FIRST_INDEX,
  });
  add({
    name: 'a checkpoint from a different tree, with proofs carrying it',
    files: exported.reduce(
      (pack, { index }) => withFile(pack, `proofs/${index}.tlog-proof`, proofFor(index, otherNote)),
      withOtherCheckpoint,
    ),
    code: 'evidence/inclusion_proof_invalid',
    file: `proofs/${FIXTURE_FIRST_INDEX}.tlog-proof`,
    index: FIXTURE_FIRST_INDEX,
  });

  const target = 11;
  add({
    name: 'a payload value in entries.jsonl',
    files: editEntryLine(files, target, (entry) => ({
      ...entry,
      payload: { ...(entry.payload as object), index: 99 },
    })),
    code: 'evidence/payload_hash_mismatch',
    file: 'entries.jsonl',
    index: target,
  });
  add({
    name: 'a salt in entries.jsonl',
    files: editEntryLine(files, target, (entry) => ({ ...entry, salt: encodeBase64(new Uint8Array(32)) })),
    code: 'evidence/payload_hash_mismatch',
    file: 'entries.jsonl',
    index: target,
  });
  add({
    name: 'a listed actor in entries.jsonl',
    files: editEntryLine(files, target, (entry) => ({ ...entry, actor: { type: 'user', id: 'someone-else' } })),
    code: 'evidence/leaf_mismatch',
    file: 'entries.jsonl',
    index: target,
  });
  const original = log[target];
  const rewrittenLeaf = encodeBase64(
    encoder.encode(replaceAll(decoder.decode(original.leaf), '"id":"log-actor-3"', '"id":"log-actor-0"')),
  );
  add({
    name: 'a leaf and its listed fields rewritten together',
    files: editEntryLine(files, target, (entry) => ({
      ...entry,
      leaf: rewrittenLeaf,
      actor: { ...(entry.actor as object), id: 'log-actor-0' },
    })),
    code: 'evidence/inclusion_proof_invalid',
    file: `proofs/${target}.tlog-proof`,
    index: target,
  });
  add({
    name: 'a leaf that is not an audit leaf',
    files: editEntryLine(files, target, (entry) => ({ ...entry, leaf: encodeBase64(encoder.encode('{"v":2}')) })),
    code: 'evidence/leaf_mismatch',
    file: 'entries.jsonl',
    index: target,
  });
  add({
    name: 'a line of entries.jsonl that is not an entry',
    files: editEntryLine(files, target, (entry) => ({ ...entry, extra: true })),
    code: 'evidence/entry_malformed',
    file: 'entries.jsonl',
  });
  add({
    name: 'an erased entry given back a payload',
    files: editEntryLine(files, FIXTURE_ERASED_INDEX, (entry) => ({
      ...entry,
      erased: false,
      payload: { restored: true },
      salt: encodeBase64(new Uint8Array(32)),
    })),
    code: 'evidence/payload_hash_mismatch',
    file: 'entries.jsonl',
    index: FIXTURE_ERASED_INDEX,
  });
  add({
    name: 'a payload withheld (shown as erased, never as verified)',
    files: editEntryLine(files, target, (entry) => ({ ...entry, erased: true, payload: null, salt: null })),
    code: undefined,
  });

  const proofPath = `proofs/${target}.tlog-proof`;
  const proofText = text(files, proofPath);
  const firstHash = proofText.split('\n')[2];
  add({
    name: 'a hash in a tlog-proof',
    files: withFile(
      files,
      proofPath,
      replaceAll(proofText, firstHash, encodeBase64(flipByte(Buffer.from(firstHash, 'base64')))),
    ),
    code: 'evidence/inclusion_proof_invalid',
    file: proofPath,
    index: target,
  });
  add({
    name: 'a tlog-proof of another entry',
    files: withFile(files, proofPath, text(files, `proofs/${target + 1}.tlog-proof`)),
    code: 'evidence/inclusion_proof_invalid',
    file: proofPath,
    index: target,
  });
  add({
    name: 'a missing tlog-proof',
    files: withFile(files, proofPath, undefined),
    code: 'evidence/proof_missing',
    file: proofPath,
    index: target,
  });
  add({
    name: 'a missing file that manifest.json lists',
    files: withFile(files, proofPath, undefined, false),
    code: 'evidence/file_missing',
    file: proofPath,
  });
  add({
    name: 'an extra file',
    files: new Map(files).set('notes.txt', encoder.encode('not part of the pack\n')),
    code: 'evidence/unlisted_file',
    file: 'notes.txt',
  });
  add({
    name: 'a folder view file of the operating system',
    files: new Map(files).set('.DS_Store', encoder.encode('Bud1')),
    code: undefined,
  });
  add({
    name: 'an entry left out of an index range',
    files: editManifest(
      withFile(
        withFile(files, proofPath, undefined),
        'entries.jsonl',
        text(files, 'entries.jsonl')
          .split('\n')
          .filter((line) => !line.startsWith(`{"index":${target},`))
          .join('\n'),
      ),
      (m) => ({
        ...m,
        entries: m.entries.filter((index) => index !== target),
      }),
    ),
    code: 'evidence/selection_mismatch',
    file: 'entries.jsonl',
  });
  add({
    name: 'an entry about another subject than selected',
    files: editManifest(files, (m) => ({
      ...m,
      selection: { kind: 'subject', subject: { type: 'customer', id: 'cus-0' } },
    })),
    code: 'evidence/selection_mismatch',
    file: 'entries.jsonl',
  });
  add({
    name: 'README.txt and verify.html rewritten',
    files: withFile(withFile(files, 'README.txt', 'other words\n'), 'verify.html', '<!doctype html>\n'),
    code: undefined,
  });

  const anchorPath = (kind: string): string =>
    [...files.keys()].find((path) => path.startsWith('anchors/') && path.endsWith(`-${kind}.json`)) ?? '';
  const receipt = (kind: string): Record<string, unknown> =>
    JSON.parse(text(files, anchorPath(kind))) as Record<string, unknown>;
  const otherImprint = sha256(otherNote);
  const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
  add({
    name: 'an RFC 3161 receipt for another checkpoint',
    files: withFile(
      files,
      anchorPath('rfc3161'),
      JSON.stringify({
        ...receipt('rfc3161'),
        imprintSha256: hexOf(otherImprint),
        tokenBase64: encodeBase64(fixtureTimeStampToken(otherImprint)),
      }),
    ),
    code: 'evidence/anchor_mismatch',
    file: anchorPath('rfc3161'),
  });
  add({
    name: 'an RFC 3161 token for another checkpoint under the right imprint',
    files: withFile(
      files,
      anchorPath('rfc3161'),
      JSON.stringify({ ...receipt('rfc3161'), tokenBase64: encodeBase64(fixtureTimeStampToken(otherImprint)) }),
    ),
    code: 'evidence/anchor_mismatch',
    file: anchorPath('rfc3161'),
  });
  add({
    name: 'an RFC 3161 receipt whose token is not a token',
    files: withFile(
      files,
      anchorPath('rfc3161'),
      JSON.stringify({ ...receipt('rfc3161'), tokenBase64: encodeBase64(encoder.encode('not DER')) }),
    ),
    code: 'evidence/anchor_invalid',
    file: anchorPath('rfc3161'),
  });
  add({
    name: 'a write-once-directory receipt for another file',
    files: withFile(
      files,
      anchorPath('write-once-directory'),
      JSON.stringify({ ...receipt('write-once-directory'), sha256: hexOf(otherImprint) }),
    ),
    code: 'evidence/anchor_mismatch',
    file: anchorPath('write-once-directory'),
  });
  add({
    name: 'an anchor receipt without a kind',
    files: withFile(files, anchorPath('s3-object-lock'), JSON.stringify({ createdAt: '2026-01-31T09:15:04.000Z' })),
    code: 'evidence/anchor_invalid',
    file: anchorPath('s3-object-lock'),
  });

  return { input, files, manifest, logKeys, witnesses, logOnlyNote, cases };
}
