import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertIntakeService } from '@domains/cases';
import { TenantRepository } from '@domains/identity';
import { TransactionRunner } from '@platform/database';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { startTestApi, totpCode } from '@apps/api/testing';
import type { TestApi, TestSession } from '@apps/api/testing';
import { signInWithTotp } from './sign-in.browser-steps.js';

const SCRIPT_NOTE = 'Called the customer.\n<img src=x onerror=alert(1)> <b>not bold</b>';

/** Signs in through the sign-in page: password, then the TOTP code when the user's roles require one. */
async function signIn(page: Page, baseUrl: string, who: TestSession): Promise<void> {
  if (who.totpSecret !== undefined) {
    await signInWithTotp(page, baseUrl, {
      tenant: who.tenantSlug,
      email: who.email,
      password: who.password,
      totpSecret: who.totpSecret,
    });
    return;
  }
  await page.goto(new URL('/sign-in', baseUrl).href);
  await page.getByLabel('Tenant').fill(who.tenantSlug);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
}

describe.skipIf(!hasChromium())(
  'admin UI alert queues and cases: claim, escalate, note, four-eyes closure (chromium)',
  { timeout: 180_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let analystContext: BrowserContext | undefined;
    let officerContext: BrowserContext | undefined;
    let analyst: TestSession | undefined;
    let officer: TestSession | undefined;
    let alertReference = '';
    let queueName = '';
    let caseUrl = '';
    let caseReference = '';
    /** Dialogs the page opened (window.alert and friends): a note's markup must never run. */
    const dialogs: string[] = [];

    beforeAll(async () => {
      api = await startTestApi();
      // Our own tenant: the demo tenant's queues are shared with every other test.
      analyst = await api.session(['analyst']);
      officer = await api.sessionInTenant(analyst.tenantSlug, ['compliance_officer']);
      const tenant = await api.app.get(TenantRepository).findBySlug(analyst.tenantSlug);
      if (!tenant) throw new Error('the test tenant was not provisioned');
      const intake = api.app.get(AlertIntakeService);
      const customerId = randomUUID();
      const { alertId } = await api.app.get(TransactionRunner).run(
        (tx) =>
          intake.raise(tx, {
            tenantId: tenant.id,
            type: 'kyc_review',
            sourceId: `browser-${randomUUID()}`,
            subjectType: 'customer',
            subjectId: customerId,
            subjectLabel: 'Ilse Browserova',
            customerId,
            title: 'Periodic KYC review overdue',
            priority: 'high',
            score: null,
            details: { reason: 'periodic', riskRating: 'high', dueAt: new Date().toISOString() },
          }),
        { tenantId: tenant.id },
      );
      const listed = await analyst.agent.get(`/v1/alerts/${alertId}`);
      if (listed.status !== 200) throw new Error(`the raised alert is not readable: ${String(listed.status)}`);
      const alert = (await listed.json()) as { reference: string; queue: { name: string } };
      alertReference = alert.reference;
      queueName = alert.queue.name;

      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      analystContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      analystContext.setDefaultTimeout(20_000);
      officerContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      officerContext.setDefaultTimeout(20_000);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
    }, 60_000);

    function started(): { api: TestApi; analyst: TestSession; officer: TestSession } {
      if (api === undefined || analyst === undefined || officer === undefined) {
        throw new Error('beforeAll did not start the api and the sessions');
      }
      return { api, analyst, officer };
    }

    async function pageOf(context: BrowserContext | undefined): Promise<Page> {
      if (context === undefined) throw new Error('beforeAll did not start the browser');
      const existing = context.pages()[0];
      if (existing !== undefined) return existing;
      const page = await context.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      return page;
    }

    it('lets the analyst claim the next alert of a queue and escalate it into a new case', async () => {
      const { api: testApi, analyst: who } = started();
      const p = await pageOf(analystContext);
      await signIn(p, testApi.baseUrl, who);

      await p.goto(new URL('/queues', testApi.baseUrl).href);
      await p.getByRole('heading', { name: 'Alert queues', exact: true }).waitFor();
      const row = p.getByRole('row').filter({ hasText: alertReference });
      await row.getByText('open', { exact: true }).waitFor();
      // The SLA counts down in the browser: a high alert of a fresh queue is due in hours, not overdue.
      await expect(row.getByText(/^\d{2}:\d{2}:\d{2}$|^\d+d \d{2}:\d{2}:\d{2}$/).count()).resolves.toBe(1);

      await p.getByRole('tab', { name: new RegExp(queueName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
      await p.getByRole('button', { name: 'Claim next' }).click();
      await p.waitForURL(/\/queues\/alerts\/[0-9a-f-]{36}$/);
      await p.getByRole('heading', { name: alertReference, exact: true }).waitFor();
      await p.getByText('claimed', { exact: true }).first().waitFor();
      await p.getByText('Ilse Browserova').first().waitFor();

      await p.getByRole('button', { name: 'Escalate to case' }).click();
      const dialog = p.getByRole('dialog', { name: `Escalate ${alertReference} into a case` });
      await dialog.getByLabel('Case title').fill('Browserova: review of unexplained funds');
      await dialog.getByRole('button', { name: 'Escalate' }).click();
      await p.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      caseUrl = p.url();
      const heading = p.getByRole('heading', { name: /^CASE-\d{4}-\d{6}$/ });
      await heading.waitFor();
      caseReference = await heading.innerText();
      await p.getByText('Browserova: review of unexplained funds', { exact: true }).waitFor();

      await p.getByRole('tab', { name: /^Alerts/ }).click();
      const linked = p.getByRole('table', { name: 'Linked alerts' });
      await linked.getByRole('link', { name: alertReference }).waitFor();
    });

    it('shows a note with markup as text, creating no element from it', async () => {
      const p = await pageOf(analystContext);
      await p.getByRole('tab', { name: /^Notes/ }).click();
      await p.getByLabel('New note').fill(SCRIPT_NOTE);
      await p.getByRole('button', { name: 'Add note' }).click();
      const body = p.getByTestId('case-note-body');
      await body.waitFor();
      expect(await body.innerText()).toBe(SCRIPT_NOTE);
      expect(await p.locator('img[src="x"]').count()).toBe(0);
      expect(await body.locator('b').count()).toBe(0);
      expect(dialogs).toEqual([]);
    });

    it('requests closure with a report needed, which waits for a second person', async () => {
      const p = await pageOf(analystContext);
      await p.getByRole('button', { name: 'Request closure' }).click();
      const dialog = p.getByRole('dialog', { name: /^Request closure of CASE-/ });
      await dialog.getByLabel('Suspicious activity report needed').check();
      await dialog.getByLabel('Summary').fill('Funds of unexplained origin moved through three accounts in a week.');
      await dialog.getByRole('button', { name: 'Request closure' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await p.getByText('pending approval', { exact: true }).first().waitFor();
      await p.getByText('Closure requested: waiting for a second person to approve').waitFor();
      // The requester is offered no way to approve their own closure.
      expect(await p.getByRole('button', { name: 'Approve closure' }).count()).toBe(0);
    });

    it('lets the compliance officer approve the closure: the case is closed with a report due date', async () => {
      const { api: testApi, officer: who } = started();
      const p = await pageOf(officerContext);
      await signIn(p, testApi.baseUrl, who);
      await p.goto(caseUrl);
      await p.getByText('pending approval', { exact: true }).first().waitFor();
      await p.getByRole('button', { name: 'Approve closure' }).click();
      const confirm = p.getByRole('dialog', { name: 'Confirm it is you' });
      // Approving may ask the approver to confirm who they are; the sign-in code was used, so take the next one.
      const closedTag = p.getByText('closed', { exact: true }).first();
      await confirm.or(closedTag).first().waitFor();
      if (await confirm.isVisible()) {
        await confirm.getByLabel('Your authentication code').fill(totpCode(who.totpSecret ?? '', 1));
        await confirm.getByRole('button', { name: 'Confirm' }).click();
      }
      await closedTag.waitFor();
      await p.getByText('Report needed').first().waitFor();
      const due = p.getByText(/ · \d+ d left$/);
      await due.waitFor();
      // The report deadline is counted from the approval: weeks away, not overdue.
      const daysLeft = Number(/(\d+) d left$/.exec(await due.innerText())?.[1]);
      expect(daysLeft).toBeGreaterThanOrEqual(28);
      expect(daysLeft).toBeLessThanOrEqual(60);

      // The case list shows it closed with its due date; the queue settings list the queue the alert was routed to.
      await p.goto(new URL('/cases', testApi.baseUrl).href);
      const row = p.getByRole('row').filter({ hasText: caseReference });
      await row.getByText('closed', { exact: true }).waitFor();
      await row.getByText(/ · \d+ d left$/).waitFor();
      await p.goto(new URL('/queues/settings', testApi.baseUrl).href);
      await p.getByRole('button', { name: `Edit ${queueName}`, exact: true }).waitFor();
    });
  },
);
