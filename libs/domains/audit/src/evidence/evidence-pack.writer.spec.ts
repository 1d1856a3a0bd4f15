import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCheckpoint } from '../note/checkpoint.codec.js';
import { Ed25519NoteSigner } from '../note/ed25519-note.signer.js';
import { signNote } from '../note/signed-note.signer.js';
import { decodeTlogProof, encodeTlogProof } from '../proof/tlog-proof.codec.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { EvidencePackError } from './evidence-pack.errors.js';
import { buildEvidencePack } from './evidence-pack.builder.js';
import {
  createEvidenceFixture,
  FIXTURE_ENTRY_COUNT,
  FIXTURE_ERASED_INDEX,
  FIXTURE_FIRST_INDEX,
  FIXTURE_LOG_SIZE,
  FIXTURE_ORIGIN,
} from './evidence-pack.fixture.js';
import type { EvidencePackInput } from './evidence-pack.types.js';
import { EvidencePackWriter } from './evidence-pack.writer.js';

const fixture = await createEvidenceFixture();
const writer = new EvidencePackWriter();
const scratch = await mkdtemp(join(tmpdir(), 'verity-evidence-writer-'));
let targets = 0;

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function withCheckpoint(proof: string, checkpoint: string): string {
  return encodeTlogProof({ ...decodeTlogProof(proof), checkpoint });
}

function target(): string {
  targets += 1;
  return join(scratch, `pack-${targets}`);
}

async function listFiles(directory: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(directory, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listFiles(directory, path)));
    else found.push(path);
  }
  return found.sort();
}

async function errorOf(action: Promise<unknown>): Promise<EvidencePackError> {
  const error = await action.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof EvidencePackError)) throw new Error(`expected an EvidencePackError, got ${String(error)}`);
  return error;
}

describe('EvidencePackWriter', () => {
  it('writes the version 1 layout, with a manifest hashing every other file', async () => {
    const directory = target();
    const manifest = await writer.write(directory, fixture.input);

    const proofs = Array.from(
      { length: FIXTURE_ENTRY_COUNT },
      (_, i) => `proofs/${FIXTURE_FIRST_INDEX + i}.tlog-proof`,
    );
    const others = ['README.txt', 'checkpoint.txt', 'entries.jsonl', 'keys.txt', 'verify.html'];
    const anchors = [
      'anchors/01-rfc3161.json',
      'anchors/02-write-once-directory.json',
      'anchors/03-s3-object-lock.json',
    ];
    expect(await listFiles(directory)).toEqual([...anchors, 'manifest.json', ...others, ...proofs].sort());
    expect(Object.keys(manifest.files).sort()).toEqual([...anchors, ...others, ...proofs].sort());
    for (const [path, hash] of Object.entries(manifest.files)) {
      expect(
        createHash('sha256')
          .update(await readFile(join(directory, path)))
          .digest('hex'),
      ).toBe(hash);
    }
    expect(manifest).toMatchObject({
      format: 'verity-evidence-pack',
      version: 1,
      origin: FIXTURE_ORIGIN,
      createdAt: '2026-02-01T10:00:00.000Z',
      selection: { kind: 'index-range', start: FIXTURE_FIRST_INDEX, end: FIXTURE_FIRST_INDEX + FIXTURE_ENTRY_COUNT },
      checkpoint: { size: FIXTURE_LOG_SIZE },
      witnessQuorum: 2,
    });
    expect(JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('writes keys.txt, entries.jsonl and checkpoint.txt as the format describes', async () => {
    const directory = target();
    await writer.write(directory, fixture.input);

    expect(await readFile(join(directory, 'checkpoint.txt'), 'utf8')).toBe(fixture.input.checkpoint);
    expect(await readFile(join(directory, 'keys.txt'), 'utf8')).toBe(
      ['# log', fixture.logKeys.verifierKey, '# witness', ...fixture.witnesses.map((w) => w.verifierKey), ''].join(
        '\n',
      ),
    );
    const lines = (await readFile(join(directory, 'entries.jsonl'), 'utf8')).split('\n');
    expect(lines).toHaveLength(FIXTURE_ENTRY_COUNT + 1);
    expect(lines.at(-1)).toBe('');
    const erased = JSON.parse(lines[FIXTURE_ERASED_INDEX - FIXTURE_FIRST_INDEX]) as Record<string, unknown>;
    expect(Object.keys(erased)).toEqual([
      'index',
      'leaf',
      'recordedAt',
      'actor',
      'action',
      'subject',
      'payload',
      'salt',
      'erased',
    ]);
    expect(erased).toMatchObject({ index: FIXTURE_ERASED_INDEX, payload: null, salt: null, erased: true });
    const entry = fixture.input.entries[0];
    expect(Buffer.from(JSON.parse(lines[0]).leaf as string, 'base64')).toEqual(Buffer.from(entry.leaf));
  });

  it('explains in README.txt how to check the RFC 3161 receipts of this pack with openssl', async () => {
    const directory = target();
    await writer.write(directory, fixture.input);
    const readme = await readFile(join(directory, 'README.txt'), 'utf8');

    expect(readme).toContain('verity verify-pack <this folder>');
    expect(readme).toContain('verify.html');
    expect(readme).toContain('jq -r .tokenBase64 anchors/01-rfc3161.json | openssl base64 -d -A > token.tsr');
    expect(readme).toContain('openssl ts -verify -data checkpoint.txt -in token.tsr -token_in');
    expect(readme).toContain(`Entries:     ${FIXTURE_ENTRY_COUNT} (1 erased)`);
  });

  it('writes the same bytes for the same input', async () => {
    const [first, second] = [target(), target()];
    await writer.write(first, fixture.input);
    await writer.write(second, fixture.input);

    for (const path of await listFiles(first)) {
      expect(await readFile(join(second, path)), path).toEqual(await readFile(join(first, path)));
    }
  });

  it('refuses a folder that already holds files, and leaves it alone', async () => {
    const directory = target();
    await mkdir(directory);
    await writeFile(join(directory, 'earlier.txt'), 'keep me');

    const error = await errorOf(writer.write(directory, fixture.input));

    expect(error.code).toBe('evidence/target_not_empty');
    expect(await listFiles(directory)).toEqual(['earlier.txt']);
  });

  it('refuses to write a pack whose checkpoint lacks the witness quorum', async () => {
    const directory = target();
    const input: EvidencePackInput = {
      ...fixture.input,
      checkpoint: fixture.logOnlyNote,
      entries: fixture.input.entries.map((entry) => ({
        ...entry,
        proof: withCheckpoint(entry.proof, fixture.logOnlyNote),
      })),
      anchors: [],
    };

    expect((await errorOf(writer.write(directory, input))).code).toBe('evidence/witness_quorum_not_met');
    // The same checkpoint is fine when no witness is required.
    await expect(writer.write(directory, { ...input, witnessQuorum: 0 })).resolves.toMatchObject({ witnessQuorum: 0 });
  });

  it('accepts proofs that carry the same checkpoint before the witnesses cosigned it', async () => {
    const input: EvidencePackInput = {
      ...fixture.input,
      entries: fixture.input.entries.map((entry) => ({
        ...entry,
        proof: withCheckpoint(entry.proof, fixture.logOnlyNote),
      })),
    };

    await expect(writer.write(target(), input)).resolves.toMatchObject({ witnessQuorum: 2 });
  });

  it('refuses to write a pack whose proofs are against another checkpoint', async () => {
    const signer = Ed25519NoteSigner.fromSignerKey(fixture.logKeys.signerKey);
    const other = await signNote(
      formatCheckpoint({ origin: FIXTURE_ORIGIN, size: FIXTURE_LOG_SIZE, rootHash: hashLeaf(Uint8Array.of(1)) }),
      [signer],
    );
    const input: EvidencePackInput = {
      ...fixture.input,
      entries: fixture.input.entries.map((entry) => ({ ...entry, proof: withCheckpoint(entry.proof, other) })),
    };

    const error = await errorOf(writer.write(target(), input));

    expect(error.code).toBe('evidence/inclusion_proof_invalid');
    expect(error.message).toContain('another checkpoint');
  });

  it.each([
    ['entries out of order', { entries: [...fixture.input.entries].reverse() }],
    ['an index used twice', { entries: [fixture.input.entries[0], fixture.input.entries[0]] }],
    ['a leaf that is not an audit leaf', { entries: [{ ...fixture.input.entries[0], leaf: new Uint8Array([1, 2]) }] }],
    ['a quorum above the number of witnesses', { witnessQuorum: 3 }],
    ['a checkpoint that is not a signed note', { checkpoint: 'not a note\n' }],
    ['an anchor receipt without a kind', { anchors: [{ kind: '' }] }],
  ] satisfies [string, Partial<EvidencePackInput>][])('refuses input with %s', (_, change) => {
    expect(() => buildEvidencePack({ ...fixture.input, ...change })).toThrow(
      expect.objectContaining({ code: 'evidence/invalid_input' }),
    );
  });
});
