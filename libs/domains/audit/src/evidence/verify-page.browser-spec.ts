import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import {
  createEvidenceFixture,
  FIXTURE_ENTRY_COUNT,
  FIXTURE_ORIGIN,
  flipByte,
  type EvidenceFixture,
} from './evidence-pack.fixture.js';
import { EvidencePackWriter } from './evidence-pack.writer.js';

// Warns loudly (BROWSER TESTS SKIPPED ...) when Debian's chromium is missing, so a skipped run is never mistaken
// for a passing one.
const chromiumInstalled = hasChromium();

describe.skipIf(!chromiumInstalled)('verify.html in chromium, opened from disk', { timeout: 30_000 }, () => {
  let scratch: string | undefined;
  let context: BrowserContext | undefined;
  let fixture: EvidenceFixture | undefined;
  let packDir = '';

  beforeAll(async () => {
    fixture = await createEvidenceFixture();
    scratch = await mkdtemp(join(tmpdir(), 'verity-verify-page-'));
    packDir = join(scratch, 'pack');
    await new EvidencePackWriter().write(packDir, fixture.input);
    context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    // Below the 30 s test timeout, so a missing element fails with Playwright's locator message, not a bare timeout.
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }, 60_000);

  let folders = 0;
  async function writePack(files: ReadonlyMap<string, Uint8Array>): Promise<string> {
    folders += 1;
    const directory = join(scratch ?? tmpdir(), `variant-${folders}`);
    for (const [path, bytes] of files) {
      await mkdir(dirname(join(directory, path)), { recursive: true });
      await writeFile(join(directory, path), bytes);
    }
    return directory;
  }

  interface PageRun {
    readonly verdict: string;
    readonly summary: string;
    readonly failureCode: string;
    /** Requests to anything but the page's own file, and CSP violations: both must stay empty. */
    readonly outside: readonly string[];
  }

  /** Opens the untouched pack's verify.html and lets it verify `folder`, as an auditor choosing a folder does. */
  async function verifyFolder(folder: string, trustedKeysFile?: string): Promise<PageRun> {
    if (context === undefined) throw new Error('beforeAll did not start the browser');
    const page: Page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) outside.push(request.url());
    });
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) outside.push(message.text());
    });
    try {
      await page.goto(pathToFileURL(join(packDir, 'verify.html')).href);
      if (trustedKeysFile !== undefined) {
        await page.getByText('Trusted keys (optional)').click();
        await page.getByLabel('Trusted keys file').setInputFiles(trustedKeysFile);
        await page.getByText(/Using only the keys in/).waitFor();
      }
      // Playwright hands a folder to a webkitdirectory input with each file's path below it, as the file picker does.
      await page.getByLabel('Pack folder').setInputFiles(folder);
      await page.locator('#result[data-state="done"]').waitFor();
      return {
        verdict: await page.locator('#verdict').innerText(),
        summary: await page.locator('#summary').innerText(),
        failureCode: (await page.locator('#failure').isVisible())
          ? await page.locator('#failure-code').innerText()
          : '',
        outside,
      };
    } finally {
      await page.close();
    }
  }

  it('shows "Verified" with the entry count for an untouched pack', async () => {
    const run = await verifyFolder(packDir);

    expect(run.verdict).toBe('Verified');
    expect(run.summary).toContain(`${FIXTURE_ENTRY_COUNT} entries: ${FIXTURE_ENTRY_COUNT - 1} verified, 1 erased`);
    expect(run.failureCode).toBe('');
    expect(run.outside).toEqual([]);
  });

  it('names the file hash failure when one byte of a copy changed', async () => {
    const copy = join(scratch ?? tmpdir(), 'one-byte');
    await cp(packDir, copy, { recursive: true });
    await writeFile(join(copy, 'entries.jsonl'), flipByte(new Uint8Array(await readFile(join(copy, 'entries.jsonl')))));

    const run = await verifyFolder(copy);

    expect(run.verdict).toBe('Not verified');
    expect(run.failureCode).toBe('evidence/file_hash_mismatch');
    expect(run.outside).toEqual([]);
  });

  it('checks the pack against the trusted keys the auditor chose instead of its own', async () => {
    const wrongKeys = join(scratch ?? tmpdir(), 'wrong-keys.txt');
    await writeFile(wrongKeys, `# log\n${generateNoteKeyPair(FIXTURE_ORIGIN).verifierKey}\n`);
    const rightKeys = join(packDir, 'keys.txt');

    expect((await verifyFolder(packDir, wrongKeys)).failureCode).toBe('evidence/checkpoint_signature_invalid');
    expect((await verifyFolder(packDir, rightKeys)).verdict).toBe('Verified');
  });

  it.each([
    ['a payload value in entries.jsonl', 'evidence/payload_hash_mismatch'],
    ['a hash in a tlog-proof', 'evidence/inclusion_proof_invalid'],
    ['a witness cosignature in checkpoint.txt', 'evidence/witness_cosignature_invalid'],
    ['an RFC 3161 receipt for another checkpoint', 'evidence/anchor_mismatch'],
  ])('shows a change to %s as %s, though the manifest was rewritten to match', async (name, code) => {
    const tamper = fixture?.cases.find((candidate) => candidate.name === name);
    if (tamper === undefined) throw new Error(`no tampering case named ${name}`);

    const run = await verifyFolder(await writePack(tamper.files));

    expect(run.verdict).toBe('Not verified');
    expect(run.failureCode).toBe(code);
  });
});
