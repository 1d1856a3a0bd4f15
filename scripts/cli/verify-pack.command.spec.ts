import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  auditLeafBytes,
  canonicalJsonBytes,
  Ed25519NoteSigner,
  encodeTlogProof,
  EvidencePackWriter,
  formatCheckpoint,
  generateNoteKeyPair,
  hashLeaf,
  inclusionProofFromLeafHashes,
  rootFromLeafHashes,
  saltedPayloadHash,
  signNote,
  type EvidencePackReport,
} from '@domains/audit';
import { CliUsageError } from './cli.command.js';
import { VerifyPackCommand, type CommandOutput } from './verify-pack.command.js';

const ORIGIN = 'verity.example/tenant-cli';
const logKeys = generateNoteKeyPair(ORIGIN);
const scratch = await mkdtemp(join(tmpdir(), 'verity-verify-pack-'));
const packDir = join(scratch, 'pack');

/** A small pack written through the public API, the way `verity audit export` writes one. */
async function writePack(): Promise<void> {
  const log = Array.from({ length: 5 }, (_, index) => {
    const payload = { index, amount: '10.00' };
    const salt = new Uint8Array(randomBytes(32));
    const leaf = auditLeafBytes({
      recordedAt: `2026-01-31T09:15:0${index}.000000Z`,
      actor: { type: 'user', id: 'usr-1' },
      action: 'cases.alert.opened',
      subject: { type: 'case', id: `case-${index}` },
      payloadHash: saltedPayloadHash(salt, canonicalJsonBytes(payload)),
    });
    return { index, leaf, payload, salt };
  });
  const leafHashes = log.map(({ leaf }) => hashLeaf(leaf));
  const checkpoint = await signNote(
    formatCheckpoint({ origin: ORIGIN, size: log.length, rootHash: rootFromLeafHashes(leafHashes) }),
    [Ed25519NoteSigner.fromSignerKey(logKeys.signerKey)],
  );
  await new EvidencePackWriter().write(packDir, {
    checkpoint,
    logKeys: [logKeys.verifierKey],
    witnessKeys: [],
    witnessQuorum: 0,
    entries: log.map(({ index, leaf, payload, salt }) => ({
      index,
      leaf,
      proof: encodeTlogProof({
        index,
        hashes: inclusionProofFromLeafHashes(index, log.length, leafHashes),
        checkpoint,
      }),
      ...(index === 3 ? { erased: true as const } : { erased: false as const, payload, salt }),
    })),
    anchors: [],
    selection: { kind: 'index-range', start: 0, end: log.length },
  });
}

await writePack();

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function recorder(): CommandOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (line) => out.push(line), error: (line) => err.push(line) };
}

describe('verity verify-pack', () => {
  it('prints the checkpoint and the entries verified and erased, and exits 0', async () => {
    const output = recorder();

    const code = await new VerifyPackCommand(output).run([packDir]);

    expect(code).toBe(0);
    const text = output.out.join('\n');
    expect(text).toContain(`Verified: evidence pack ${packDir}`);
    expect(text).toContain(`log         ${ORIGIN}`);
    expect(text).toMatch(/checkpoint {2}tree size 5, root hash [A-Za-z0-9+/]{43}=/);
    expect(text).toContain('entries     5: 4 verified, 1 erased');
    expect(output.err).toEqual([]);
  });

  it('prints the first failure with its code and exits 1 when one byte changed', async () => {
    const copy = join(scratch, 'tampered');
    await cp(packDir, copy, { recursive: true });
    const entries = await readFile(join(copy, 'entries.jsonl'));
    entries[entries.length - 10] ^= 0x01;
    await writeFile(join(copy, 'entries.jsonl'), entries);
    const output = recorder();

    const code = await new VerifyPackCommand(output).run([copy]);

    expect(code).toBe(1);
    expect(output.out.join('\n')).toContain(`NOT VERIFIED: evidence pack ${copy}`);
    expect(output.err.join('\n')).toContain(
      'evidence/file_hash_mismatch: entries.jsonl does not have the SHA-256 that manifest.json lists',
    );
  });

  it('prints the whole report as JSON with --json', async () => {
    const output = recorder();

    expect(await new VerifyPackCommand(output).run(['--json', packDir])).toBe(0);

    const report = JSON.parse(output.out.join('\n')) as EvidencePackReport;
    expect(report.ok).toBe(true);
    expect(report.summary).toMatchObject({ entries: 5, verified: 4, erased: 1 });
    expect(report.checkpoint?.origin).toBe(ORIGIN);
  });

  it('trusts only the keys of --keys, and fails a pack signed by another key', async () => {
    const trusted = join(scratch, 'trusted-keys.txt');
    await writeFile(trusted, `# log\n${generateNoteKeyPair(ORIGIN).verifierKey}\n`);
    const output = recorder();

    expect(await new VerifyPackCommand(output).run([packDir, '--keys', trusted])).toBe(1);
    expect(output.err.join('\n')).toContain('evidence/checkpoint_signature_invalid');

    await writeFile(trusted, `# log\n${logKeys.verifierKey}\n`);
    expect(await new VerifyPackCommand(recorder()).run([packDir, '--keys', trusted])).toBe(0);
  });

  it('fails a pack without the witness quorum the auditor asks for', async () => {
    const output = recorder();

    expect(await new VerifyPackCommand(output).run([packDir, '--witness-quorum', '1'])).toBe(1);
    expect(output.err.join('\n')).toContain('evidence/witness_quorum_not_met');
  });

  it('says so and exits 1 when the folder does not exist', async () => {
    const output = recorder();

    expect(await new VerifyPackCommand(output).run([join(scratch, 'missing')])).toBe(1);
    expect(output.err.join('\n')).toContain('cannot read the pack folder');
  });

  it.each([
    ['no path', []],
    ['two paths', ['a', 'b']],
    ['an unknown option', [packDir, '--fast']],
    ['a quorum that is not a number', [packDir, '--witness-quorum', 'two']],
  ])('refuses %s as a usage error', async (_, args) => {
    await expect(new VerifyPackCommand(recorder()).run(args)).rejects.toThrow(CliUsageError);
  });
});
