import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HttpAgent, hasChromium, testConfig } from '@platform/testing';
import {
  AuditIntegrationLoop,
  AuditLedger,
  AuditLogRepository,
  AuditTreeRepository,
  generateNoteKeyPair,
} from '@domains/audit';
import { createWorkerApp } from '@apps/worker';
import { demoSignIn, startTestApi } from '@apps/api/testing';
import type { TestApi } from '@apps/api/testing';

const chromiumInstalled = hasChromium();

/** The demo tenant's read-only auditor; the demo users share one password. */
const auditorSignIn = { ...demoSignIn, email: 'auditor@demo.verity.local' };

/** Recorded text that would run script if the UI ever rendered a payload as markup. */
const HOSTILE_NOTE = '<img src=x onerror="window.__auditXss = true">';

describe.skipIf(!chromiumInstalled)('admin UI audit explorer (chromium)', { timeout: 60_000 }, () => {
  let api: TestApi | undefined;
  let worker: INestApplicationContext | undefined;
  let profileDir: string | undefined;
  let context: BrowserContext | undefined;
  const customerId = randomUUID();

  /** Integrates everything the demo tenant recorded and publishes a signed checkpoint over it. */
  async function settle(tenantId: string): Promise<void> {
    if (worker === undefined) throw new Error('beforeAll did not start the worker');
    const log = await worker.get(AuditLogRepository).findByTenant(tenantId);
    if (!log) throw new Error('the demo tenant has no audit log');
    for (;;) {
      await worker.get(AuditIntegrationLoop).runPass();
      const backlog = await worker.get(AuditTreeRepository).backlog();
      if (!backlog.waitingLogs.some((w) => w.logId === log.id)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    api = await startTestApi();
    // The test api runs no jobs: this worker integrates the log and signs checkpoints, as the real worker does.
    worker = await createWorkerApp(testConfig({ AUDIT_SIGNING_KEYS: generateNoteKeyPair('verity.local').signerKey }));
    const agent = new HttpAgent(api.baseUrl);
    const signedIn = await agent.post('/v1/auth/sign-in', auditorSignIn);
    if (signedIn.status !== 200) throw new Error(`auditor sign-in failed: ${String(signedIn.status)}`);
    const tenantId = ((await signedIn.json()) as { tenant: { id: string } }).tenant.id;
    const testApi = api;
    await testApi.app.get(TransactionRunner).run(
      (tx) =>
        testApi.app.get(AuditLedger).record(tx, {
          tenantId,
          actor: { type: 'system', id: 'admin-browser-test' },
          action: 'customers.note.added',
          subject: { type: 'customer', id: customerId },
          payload: { note: HOSTILE_NOTE },
        }),
      { tenantId },
    );
    await settle(tenantId);

    profileDir = await mkdtemp(join(tmpdir(), 'verity-admin-audit-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 1000 },
    });
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await worker?.close();
    await api?.close();
    if (profileDir !== undefined) await rm(profileDir, { recursive: true, force: true });
  }, 60_000);

  async function signedInAuditorPage(): Promise<Page> {
    if (context === undefined || api === undefined) throw new Error('beforeAll did not start the browser and the api');
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(api.baseUrl);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByLabel('Tenant').fill(auditorSignIn.tenant);
    await page.getByLabel('Email').fill(auditorSignIn.email);
    await page.getByLabel('Password').fill(auditorSignIn.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Audit trail', exact: true }).waitFor();
    return page;
  }

  async function openCustomerEntry(page: Page): Promise<void> {
    await page.getByLabel('Subject id').fill(customerId);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row').filter({ hasText: 'customers.note.added' });
    await row.getByRole('button', { name: /^Open entry/ }).click();
    await page.getByRole('dialog').getByText('Leaf (base64 of the hashed bytes)').waitFor();
  }

  it('lands the auditor on the audit trail with the checkpoint signature verified in the browser', async () => {
    const page = await signedInAuditorPage();
    try {
      expect(new URL(page.url()).pathname).toBe('/audit');
      await page.getByText(/^Signature verified in this browser for checkpoint \d+$/).waitFor();
      expect(await page.getByText('Checkpoint signature NOT verified').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('finds an entry and verifies its inclusion in the signed checkpoint', async () => {
    const page = await signedInAuditorPage();
    try {
      await page.getByText(/^Signature verified in this browser for checkpoint \d+$/).waitFor();
      await openCustomerEntry(page);
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('button', { name: 'Verify inclusion' }).click();
      await drawer.getByText(/^Included in checkpoint \d+$/).waitFor();
      expect(await drawer.getByText('Inclusion NOT verified').count()).toBe(0);

      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: 'Evidence export' }).click();
      const command = page.getByTestId('audit-export-command');
      await command.waitFor();
      expect(await command.innerText()).toContain(
        `verity audit export --tenant ${auditorSignIn.tenant} --subject customer:${customerId} --out`,
      );
    } finally {
      await page.close();
    }
  });

  it('creates an evidence pack of the opened subject, follows its progress to done and offers the download', async () => {
    const page = await signedInAuditorPage();
    try {
      await openCustomerEntry(page);
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: 'Evidence export' }).click();
      const panel = page.getByRole('tabpanel');
      expect(await panel.getByLabel('Subject id').inputValue()).toBe(customerId);
      await panel.getByRole('button', { name: 'Create evidence pack' }).click();

      const row = panel.getByRole('row').filter({ hasText: `customer:${customerId}` });
      const download = row.getByTestId('audit-export-download');
      await download.waitFor();
      expect(await row.getByTestId('audit-export-status').innerText()).toBe('succeeded');
      // The note, and the export's own audit.export.requested entry when a checkpoint covered it in time.
      expect(await row.getByText(/^(\d+) of \1 entries$/).count()).toBe(1);
      expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

      const href = await download.getAttribute('href');
      expect(href).toMatch(/^\/v1\/audit\/exports\/[0-9a-f-]{36}\/download$/);
      const archive = await page.request.get(`${api?.baseUrl ?? ''}${href ?? ''}`);
      expect(archive.status()).toBe(200);
      expect(archive.headers()['content-type']).toBe('application/gzip');
      const body = await archive.body();
      expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);

      // The command for the same pack stays on the page for operators.
      expect(await panel.getByTestId('audit-export-command').innerText()).toContain(`--subject customer:${customerId}`);
    } finally {
      await page.close();
    }
  });

  it('shows a payload holding markup as text, creating no element from it', async () => {
    const page = await signedInAuditorPage();
    try {
      await openCustomerEntry(page);
      const payload = page.getByTestId('audit-payload');
      expect(await payload.innerText()).toContain(HOSTILE_NOTE.replace(/"/g, '\\"'));
      expect(await payload.locator('img').count()).toBe(0);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __auditXss?: boolean }).__auditXss)).toBeUndefined();
    } finally {
      await page.close();
    }
  });
});
