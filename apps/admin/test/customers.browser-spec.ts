import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { demoSignIn, startTestApi } from '@apps/api/testing';
import { signInWithTotp } from './sign-in.browser-steps.js';
import type { TestApi } from '@apps/api/testing';

const officerSignIn = { ...demoSignIn, email: 'officer@demo.verity.local' };

describe.skipIf(!hasChromium())(
  'admin UI customers: list, profile, review queue (chromium)',
  { timeout: 90_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;

    beforeAll(async () => {
      api = await startTestApi();
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      context.setDefaultTimeout(20_000);
      page = await context.newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
    }, 60_000);

    function started(): { api: TestApi; page: Page } {
      if (api === undefined || page === undefined) throw new Error('beforeAll did not start the browser and the api');
      return { api, page };
    }

    it('signs the demo compliance officer in and lists the demo customers with their ratings', async () => {
      const { api: testApi, page: p } = started();
      await signInWithTotp(p, testApi.baseUrl, officerSignIn);

      // The demo's synthetic transactions also created minimal customers (flagged for KYC): search for the named ones.
      await p.goto(new URL('/customers', testApi.baseUrl).href);
      await p.getByPlaceholder('Name or reference').fill('Morozov');
      await p.getByPlaceholder('Name or reference').press('Enter');
      const row = p.getByRole('row').filter({ hasText: 'Viktor Andreyevich Morozov' });
      await row.getByText('PEP', { exact: true }).waitFor();
      await row.getByText('approved', { exact: true }).waitFor();
      await p.goto(new URL('/customers?search=Karimi', testApi.baseUrl).href);
      await p.getByRole('row').filter({ hasText: 'Reza Karimi' }).getByText('high', { exact: true }).waitFor();
    });

    it('shows a profile with the risk explanation, EDD and related parties', async () => {
      const { api: testApi, page: p } = started();
      await p.goto(new URL('/customers?search=Northwind', testApi.baseUrl).href);
      await p.getByRole('link', { name: 'Northwind Trading GmbH' }).click();
      await p.getByText('Related parties', { exact: true }).waitFor();
      await p.getByRole('row').filter({ hasText: 'Elena Rossi' }).getByText('62.5 %').waitFor();
      await p.goto(new URL('/customers?search=Morozov', testApi.baseUrl).href);
      await p.getByRole('link', { name: 'Viktor Andreyevich Morozov' }).click();
      await p.getByText('Enhanced due diligence', { exact: true }).waitFor();
      const pepRow = p.getByRole('row').filter({ hasText: 'politically exposed person' });
      expect(await pepRow.getByRole('cell').nth(1).innerText()).toBe('40');
    });

    it('approves a high-risk customer from the review queue only with the EDD checklist', async () => {
      const { api: testApi, page: p } = started();
      await p.goto(new URL('/customers/review', testApi.baseUrl).href);
      await p.getByRole('button', { name: 'Approve Reza Karimi' }).click();
      const dialog = p.getByRole('dialog', { name: 'Approve Reza Karimi' });
      await dialog.getByText('Enhanced due diligence applies').waitFor();
      await dialog.getByLabel('Reason').fill('Trade documents and bank references checked');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      // Without the checklist the form refuses.
      await dialog.getByText('Senior management must approve').waitFor();
      await dialog
        .getByLabel('Source of wealth')
        .fill('Family trading business in Dubai since 2004 (audited accounts)');
      await dialog.getByLabel('Purpose of the relationship').fill('Paying suppliers for textile imports');
      await dialog.getByRole('checkbox', { name: /Senior management approved/ }).check();
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await p.getByRole('button', { name: 'Approve Reza Karimi' }).waitFor({ state: 'detached' });
    });
  },
);
