import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { demoSignIn, startTestApi } from '@apps/api/testing';
import { signInWithTotp } from './sign-in.browser-steps.js';
import type { TestApi } from '@apps/api/testing';

const officerSignIn = { ...demoSignIn, email: 'officer@demo.verity.local' };

describe.skipIf(!hasChromium())(
  'admin UI iso20022: statements and the message log (chromium)',
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

    it('generates a notification, finds it in the message log and shows its raw XML as text', async () => {
      if (api === undefined || page === undefined) throw new Error('beforeAll did not start the browser and the api');
      const p = page;
      await signInWithTotp(p, api.baseUrl, officerSignIn);
      await p.goto(new URL('/iso20022', api.baseUrl).href);

      // A fresh account: the notification is this test's own message, whatever else the demo tenant holds.
      const account = `acct-${randomUUID().slice(0, 8)}`;
      const form = p.getByRole('form', { name: 'Generate a statement' });
      await form.getByLabel('Account').fill(account);
      await form.getByLabel('From').fill('2026-11-01');
      await form.getByLabel('To').fill('2026-11-30');
      await form.getByLabel('Kind').click();
      await p.getByTitle('camt.054 notification').click();
      await form.getByRole('button', { name: 'Generate' }).click();
      const done = p.getByText(/camt\.054\.001\.08 VNTF\w+/);
      await done.waitFor();
      const msgId = /VNTF\w+/.exec(await done.innerText())?.[0];
      expect(msgId).toBeDefined();

      const row = p.getByRole('row').filter({ hasText: msgId! });
      await row.getByText('generated', { exact: true }).waitFor();
      await row.getByText('out', { exact: true }).waitFor();
      await row.getByRole('link', { name: msgId! }).click();

      await p.getByText('Group header', { exact: true }).waitFor();
      const xml = p.getByLabel('Raw XML');
      await xml.getByText(/BkToCstmrDbtCdtNtfctn/).waitFor();
      const text = await xml.innerText();
      expect(text).toContain(`<MsgId>${msgId!}</MsgId>`);
      expect(text).toContain(`<Id>${account}</Id>`);
      await p.getByRole('link', { name: 'Download' }).waitFor();
    });
  },
);
