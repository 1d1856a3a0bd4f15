import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { TenantProvisioningService } from '@domains/identity';
import { ListImportJobService, ListImportService, SubjectScreener } from '@domains/screening';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { startTestApi } from '@apps/api/testing';
import type { TestApi } from '@apps/api/testing';

const chromiumInstalled = hasChromium();

const SDN = [
  '22790,"MADURO MOROS, Nicolas","individual","VENEZUELA","President",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 23 Nov 1962; POB Caracas, Venezuela; citizen Venezuela."',
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
].join('\n');

describe.skipIf(!chromiumInstalled)(
  'admin UI screening: hit adjudication side by side (chromium)',
  { timeout: 90_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    const slug = `scr-${randomBytes(4).toString('hex')}`;
    const analyst = { email: `analyst@${slug}.test`, password: `pw-${randomBytes(12).toString('hex')}` };

    beforeAll(async () => {
      api = await startTestApi();
      const { app } = api;
      const tenant = await app.get(TenantProvisioningService).provision({
        slug,
        name: `Tenant ${slug}`,
        users: [{ ...analyst, displayName: 'Sam Screener', roles: ['analyst'] }],
      });
      // A list (its import job run in-process, as the worker would) and a customer who matches it.
      const version = await app
        .get(ListImportService)
        .requestImport(tenant.id, { type: 'system', id: 'test' }, 'ofac_sdn', { files: { sdn: SDN } });
      await app.get(ListImportJobService).run(tenant.id, version.id);
      await app.get(TransactionRunner).run(
        (tx) =>
          app.get(SubjectScreener).screenSubject(tx, tenant.id, {
            kind: 'customer',
            subjectId: 'cust-42',
            name: 'Nicolás Maduro',
            entityType: 'individual',
            dateOfBirth: '1962-11-23',
          }),
        { tenantId: tenant.id },
      );
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      context.setDefaultTimeout(20_000);
      page = await context.newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
    }, 60_000);

    it('shows the open hit, the subject and the list entry side by side, and records a false positive', async () => {
      if (api === undefined || page === undefined) throw new Error('beforeAll did not start');
      await page.goto(new URL('/sign-in', api.baseUrl).href);
      await page.getByLabel('Tenant').fill(slug);
      await page.getByLabel('Email').fill(analyst.email);
      await page.getByLabel('Password').fill(analyst.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();

      await page.goto(new URL('/screening', api.baseUrl).href);
      await page.getByRole('heading', { name: 'Screening', exact: true }).waitFor();
      const table = page.getByRole('table', { name: 'Screening hits' }).or(page.getByLabel('Screening hits'));
      await table.getByRole('button', { name: 'customer cust-42' }).click();

      const drawer = page.getByRole('dialog', { name: 'Screening hit' });
      await drawer.getByText('Why it matched').waitFor();
      // Side by side: the subject's name as screened, the entry's name as published.
      await drawer.getByText('Nicolás Maduro', { exact: true }).waitFor();
      await drawer.getByText('MADURO MOROS, Nicolas', { exact: true }).first().waitFor();

      await drawer.getByRole('button', { name: 'False positive' }).click();
      await drawer.getByText('Say why').waitFor();
      await drawer.getByLabel('Reason').fill('Namesake: different date of birth on the passport');
      await drawer.getByRole('button', { name: 'False positive' }).click();
      await drawer.getByText('Namesake: different date of birth on the passport').waitFor();
      expect(await drawer.getByText('False positive', { exact: true }).count()).toBeGreaterThan(0);
    });
  },
);
