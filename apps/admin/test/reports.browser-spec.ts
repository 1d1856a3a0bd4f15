import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HttpAgent, hasChromium } from '@platform/testing';
import { startTestApi } from '@apps/api/testing';
import type { TestApi, TestSession } from '@apps/api/testing';
import { signInWithTotp } from './sign-in.browser-steps.js';

const INSTITUTION = {
  name: 'Browser Payments Inc',
  goamlEntityId: '77',
  tin: '987654321',
  tinType: 'EIN',
  federalRegulator: '9',
  institutionType: '2',
  transmitterControlCode: 'TCC777',
  address: { line1: '2 Test Road', city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
  contact: { name: 'Olivia Officer', phone: '3125550100', email: 'officer@example.com' },
};

/** Through the API: a case closed as sar_needed (four-eyes) with two wires, and a SAR draft prefilled from it. */
async function draftReport(api: TestApi, officer: TestSession, officer2: TestSession, key: string): Promise<string> {
  const ids: string[] = [];
  for (const value of [930000, 920000]) {
    const res = await new HttpAgent(api.baseUrl).request('POST', '/v1/transactions', {
      body: {
        id: `t-${randomUUID()}`,
        channel: 'wire',
        customerId: 'cust-browser',
        accountId: 'GB82WEST12345698765432',
        direction: 'out',
        amount: { value, currency: 'USD' },
        bookedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        counterparty: { name: 'Far Away Holdings', iban: 'DE89370400440532013000', country: 'DE' },
      },
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(201);
    ids.push(((await res.json()) as { transactionId: string }).transactionId);
  }
  const detail = (await (await officer.agent.get(`/v1/transactions/${ids[0] ?? ''}`)).json()) as {
    customerRecordId: string;
  };
  const created = await officer.agent.post('/v1/cases', {
    title: 'Browser structuring case',
    subjects: [{ type: 'customer', id: detail.customerRecordId, label: 'Browser Customer' }],
    transactionIds: ids,
  });
  const caseId = ((await created.json()) as { id: string }).id;
  const close = await officer.agent.post(`/v1/cases/${caseId}/close-request`, {
    disposition: 'sar_needed',
    summary: 'Repeated wires just under the reporting threshold.',
    jurisdiction: 'US',
    suspectIdentified: true,
  });
  const approvalId = ((await close.json()) as { approval: { id: string } }).approval.id;
  await approve(officer2, approvalId);
  const report = await officer.agent.post('/v1/reports', { caseId, kind: 'SAR', formats: ['goaml', 'pdf'] });
  expect(report.status).toBe(201);
  return ((await report.json()) as { id: string }).id;
}

async function approve(approver: TestSession, approvalId: string): Promise<void> {
  const view = (await (await approver.agent.get(`/v1/approvals/${approvalId}`)).json()) as { contentHash: string };
  const res = await approver.agent.post(`/v1/approvals/${approvalId}/approve`, { contentHash: view.contentHash });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe.skipIf(!hasChromium())(
  'admin UI reports: validation beside the fields, PDF preview (chromium)',
  { timeout: 120_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    let officer: TestSession;
    let officer2: TestSession;
    let reportId: string;

    beforeAll(async () => {
      api = await startTestApi();
      officer = await api.session(['compliance_officer']);
      officer2 = await api.sessionInTenant(officer.tenantSlug, ['compliance_officer']);
      const admin = await api.sessionInTenant(officer.tenantSlug, ['admin']);
      const key = (
        (await (await admin.agent.post('/v1/api-keys', { name: 'gw', role: 'integration' })).json()) as {
          key: string;
        }
      ).key;
      expect((await officer.agent.request('PUT', '/v1/reporting/institution', { body: INSTITUTION })).status).toBe(200);
      reportId = await draftReport(api, officer, officer2, key);
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      context.setDefaultTimeout(20_000);
      page = await context.newPage();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
    }, 60_000);

    it('shows the validation problems beside the subject, then previews the approved PDF', async () => {
      if (!api || !page || !officer.totpSecret) throw new Error('setup failed');
      const p = page;
      await signInWithTotp(p, api.baseUrl, {
        tenant: officer.tenantSlug,
        email: officer.email,
        password: officer.password,
        totpSecret: officer.totpSecret,
      });
      await p.goto(new URL('/reports', api.baseUrl).href);
      const row = p.getByRole('row').filter({ hasText: 'SAR' });
      await row.getByText('Draft', { exact: true }).waitFor();
      await row.getByRole('link').first().click();

      // The minimal customer has no first name (goAML needs one): the message sits beside the subject's fields.
      await p.getByText('Validation', { exact: true }).waitFor();
      const subjectProblems = p.getByTestId('problems-parties[0]');
      await subjectProblems.waitFor();
      expect(await subjectProblems.innerText()).toContain('goaml: goAML requires a first name');
      await expect(p.getByRole('button', { name: 'Submit for approval' }).isDisabled()).resolves.toBe(true);

      // The officer fills in the subject and saves; the problems of the subject go away.
      await p.getByLabel('parties[0].firstName').fill('Bruno');
      await p.getByLabel('parties[0].lastName').fill('Browser');
      await p.getByLabel('parties[0].birthDate').fill('1975-02-03');
      await p.getByRole('button', { name: 'Save changes' }).click();
      await subjectProblems.waitFor({ state: 'detached' });

      // A second officer approves through the API; the drafter then sees the generated files and the PDF preview.
      const fixed = (await (await officer.agent.get(`/v1/reports/${reportId}/validation`)).json()) as {
        problems: { path: string; message: string }[];
      };
      if (fixed.problems.length > 0) {
        throw new Error(`still invalid after the UI edit: ${JSON.stringify(fixed.problems)}`);
      }
      const submitted = await officer.agent.post(`/v1/reports/${reportId}/submit-for-approval`);
      expect(submitted.status).toBe(200);
      // A freshly signed-in officer: approving needs a sign-in or re-authentication within the last 5 minutes.
      const approver = await api.sessionInTenant(officer.tenantSlug, ['compliance_officer']);
      await approve(approver, ((await submitted.json()) as { approvalRequestId: string }).approvalRequestId);
      await p.reload();
      await p.getByText('Generated files', { exact: true }).waitFor();
      const frame = p.getByTitle('PDF preview');
      await frame.waitFor();
      expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    });
  },
);
