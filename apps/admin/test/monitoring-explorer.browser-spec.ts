import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { BacktestJobService, seedMonitoringDemo } from '@domains/monitoring';
import { startTestApi } from '@apps/api/testing';
import { signInWithTotp } from './sign-in.browser-steps.js';
import type { TestApi, TestSession } from '@apps/api/testing';

const SCREENSHOTS = process.env.VERITY_SCREENSHOT_DIR;

describe.skipIf(!hasChromium())(
  'admin UI transactions explorer, backtests and model registry (chromium)',
  { timeout: 120_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    let officer: TestSession | undefined;
    let tenantId = '';

    beforeAll(async () => {
      api = await startTestApi();
      officer = await api.session(['compliance_officer']);
      tenantId = (await api.app.get(TenantRepository).findBySlug(officer.tenantSlug))!.id;
      // The demo's rules and champion model, and a short synthetic history decided through the real path.
      await seedMonitoringDemo(api.app, tenantId, { syntheticMax: 60 });
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

    const shoot = async (name: string): Promise<void> => {
      if (SCREENSHOTS) await started().page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    };

    it('lists decided transactions and opens one with its decision, contributions and features', async () => {
      const { api: testApi, page: p, officer: o } = started();
      await signInWithTotp(p, testApi.baseUrl, {
        tenant: o.tenantSlug,
        email: o.email,
        password: o.password,
        totpSecret: o.totpSecret ?? '',
      });

      await p.goto(new URL('/transactions', testApi.baseUrl).href);
      const table = p.getByRole('table', { name: 'Transactions' });
      const firstRow = table.getByRole('row').filter({ hasText: 'demo-' }).first();
      await firstRow.waitFor();
      await shoot('transactions');
      await firstRow.click();
      const drawer = p.getByRole('dialog');
      await drawer.getByText('Feature contributions to the model score').waitFor();
      await drawer.getByRole('table', { name: 'Features' }).getByText('amount', { exact: true }).waitFor();
      await drawer.getByText('rules v1', { exact: false }).waitFor();
      await shoot('transaction-detail');
      await p.keyboard.press('Escape');
    });

    it('shows a completed backtest with its counts, and the champion in the model registry', async () => {
      const { api: testApi, page: p, officer: o } = started();
      const created = await o.agent.post('/v1/rule-sets', {
        name: 'Stricter',
        document: {
          rules: [
            {
              name: 'any-amount',
              conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 0 }] },
              event: { type: 'any', params: { message: 'Any amount', weight: 0.6 } },
            },
          ],
          thresholds: { review: 0.5, block: 0.9 },
        },
      });
      const draft = (await created.json()) as { id: string };
      const started_ = await o.agent.post('/v1/backtests', {
        ruleSetId: draft.id,
        from: new Date(Date.now() - 60 * 86_400_000).toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(started_.status).toBe(202);
      const backtest = (await started_.json()) as { id: string };
      expect(await testApi.app.get(BacktestJobService).run(tenantId, backtest.id)).toBe('completed');

      await p.goto(new URL('/rules?tab=backtests', testApi.baseUrl).href);
      await p.getByRole('table', { name: 'Backtests' }).getByText('completed', { exact: true }).click();
      const alerts = p.getByRole('table', { name: 'Alerts per rule set' });
      await alerts
        .getByRole('row')
        .filter({ hasText: 'Draft' })
        .getByRole('cell', { name: '60', exact: true })
        .first()
        .waitFor();
      await p.getByText('Transactions replayed').waitFor();
      await shoot('backtest');

      await p.goto(new URL('/rules?tab=models', testApi.baseUrl).href);
      await p.getByRole('table', { name: 'Models' }).getByText('champion', { exact: true }).waitFor();
      await shoot('models');
    });
  },
);
