import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { startTestApi } from '@apps/api/testing';
import { signInWithTotp } from './sign-in.browser-steps.js';
import type { TestApi, TestSession } from '@apps/api/testing';

const rule = (fact: string) => ({
  name: 'large-amount',
  conditions: { all: [{ fact, operator: 'greaterThanInclusive', value: 50000 }] },
  event: { type: 'large_amount', params: { message: 'Amount of 50,000 or more', action: 'review', weight: 0.3 } },
});

const documentWith = (fact: string): string =>
  JSON.stringify({ rules: [rule(fact)], thresholds: { review: 0.5, block: 0.9 } }, null, 2);

describe.skipIf(!hasChromium())(
  'admin UI rule-set editor: validation errors, dry run, submission (chromium)',
  { timeout: 90_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    let officer: TestSession | undefined;

    beforeAll(async () => {
      api = await startTestApi();
      officer = await api.session(['compliance_officer']);
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      context.setDefaultTimeout(20_000);
      page = await context.newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
    }, 60_000);

    function started(): { api: TestApi; page: Page; officer: TestSession } {
      if (api === undefined || page === undefined || officer === undefined) {
        throw new Error('beforeAll did not start the browser and the api');
      }
      return { api, page, officer };
    }

    it('shows the API’s validation errors with their paths and stores nothing', async () => {
      const { api: testApi, page: p, officer: o } = started();
      await signInWithTotp(p, testApi.baseUrl, {
        tenant: o.tenantSlug,
        email: o.email,
        password: o.password,
        totpSecret: o.totpSecret ?? '',
      });

      await p.goto(new URL('/rules', testApi.baseUrl).href);
      await p.getByRole('heading', { name: 'Rules and models', exact: true }).waitFor();
      await p.getByRole('button', { name: 'New draft' }).click();
      await p.getByLabel('Rule-set JSON').fill(documentWith('amountInMoonUnits'));
      await p.getByRole('button', { name: 'Create draft' }).click();
      await p.getByText('rules[0].conditions.all[0].fact', { exact: true }).waitFor();
      expect(p.url()).toMatch(/\/rules\/rule-sets\/new$/);
      const stored = await o.agent.get('/v1/rule-sets');
      expect((await stored.json()) as unknown[]).toHaveLength(0);
    });

    it('creates the corrected draft, edits a condition in the form, dry-runs it and submits it', async () => {
      const { page: p, officer: o } = started();
      await p.getByLabel('Rule-set JSON').fill(documentWith('amount'));
      await p.getByRole('button', { name: 'Create draft' }).click();
      await p.waitForURL(/\/rules\/rule-sets\/[0-9a-f-]{36}$/);
      await p.getByText('version 1', { exact: true }).waitFor();

      // The form view edits the same document: raise the limit to 60,000 and save.
      await p.getByRole('tab', { name: 'Conditions' }).click();
      const conditions = p.getByRole('group', { name: 'Conditions of large-amount' });
      await conditions.getByLabel('Value').fill('60000');
      await p.getByRole('button', { name: 'Save draft' }).click();
      await p.getByText('Saved version 1').waitFor();

      await p.getByRole('tab', { name: 'Dry run' }).click();
      await p.getByLabel('Dry-run samples').fill(
        JSON.stringify([
          { ref: 'below', amount: 55000 },
          { ref: 'above', amount: 75000 },
        ]),
      );
      await p.getByRole('button', { name: 'Run', exact: true }).click();
      const results = p.getByRole('table', { name: 'Dry-run results' });
      await results.getByRole('row').filter({ hasText: 'above' }).getByText('review', { exact: true }).waitFor();
      await results.getByRole('row').filter({ hasText: 'below' }).getByText('allow', { exact: true }).waitFor();

      await p.getByRole('button', { name: 'Submit for approval' }).click();
      await p.getByText('Waiting for approval', { exact: true }).waitFor();
      await p.getByText('pending approval', { exact: true }).waitFor();
      const list = (await (await o.agent.get('/v1/rule-sets')).json()) as {
        status: string;
        document: { rules: { conditions: { all: { value: unknown }[] } }[] };
      }[];
      expect(list.map((r) => r.status)).toEqual(['pending_approval']);
      expect(list[0]?.document.rules[0]?.conditions.all[0]?.value).toBe(60000);
    });
  },
);
