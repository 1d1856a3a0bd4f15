import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { TenantRepository } from '@domains/identity';
import { WebhookDeliveryService, WebhookPublisher } from '@domains/webhooks';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { demoSignIn, startTestApi } from '@apps/api/testing';
import { signInWithTotp } from './sign-in.browser-steps.js';
import type { TestApi } from '@apps/api/testing';

const chromiumInstalled = hasChromium();

describe.skipIf(!chromiumInstalled)(
  'admin UI webhooks: endpoints, secret shown once, deliveries (chromium)',
  { timeout: 90_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    let server: Server | undefined;
    let receiverUrl = '';
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];

    beforeAll(async () => {
      api = await startTestApi({ WEBHOOKS_ALLOW_INSECURE_LOCALHOST: 'true' });
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ui-${randomBytes(3).toString('hex')}`;
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      context.setDefaultTimeout(20_000);
      page = await context.newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
      await new Promise((resolve) => server?.close(resolve));
    }, 60_000);

    function started(): { api: TestApi; page: Page } {
      if (api === undefined || page === undefined) throw new Error('beforeAll did not start the browser and the api');
      return { api, page };
    }

    /** Publishes an event in the demo tenant and runs its delivery jobs as the worker would. */
    async function publishAndDeliver(testApi: TestApi): Promise<void> {
      const tenant = await testApi.app.get(TenantRepository).findBySlug(demoSignIn.tenant);
      if (!tenant) throw new Error('no demo tenant');
      const transactions = testApi.app.get(TransactionRunner);
      await transactions.run(
        (tx) =>
          testApi.app
            .get(WebhookPublisher)
            .publish(tx, tenant.id, { type: 'transaction.review', data: { transactionId: 'ui-tx' } }),
        { tenantId: tenant.id },
      );
      const pending = await transactions.run<{ id: string }[]>(
        (tx) =>
          tx.query(
            `SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE e.url = $1 AND d.status = 'pending'`,
            [receiverUrl],
          ),
        { tenantId: tenant.id },
      );
      for (const { id } of pending) await testApi.app.get(WebhookDeliveryService).attempt(tenant.id, id, 1);
    }

    it('adds an endpoint, shows its secret once, then lists what was delivered to it', async () => {
      const { api: testApi, page: admin } = started();
      await signInWithTotp(admin, testApi.baseUrl, demoSignIn);

      await admin.getByRole('link', { name: 'Webhooks', exact: true }).click();
      await admin.getByRole('heading', { name: 'Webhooks' }).waitFor();
      await admin.getByRole('button', { name: 'Add endpoint' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Add a webhook endpoint' });
      await dialog.getByLabel('URL').fill(receiverUrl);
      await dialog.getByLabel('Description').fill('browser test receiver');
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();

      const secretText = admin.getByLabel('Signing secret', { exact: true });
      await secretText.waitFor();
      const secret = (await secretText.innerText()).trim();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      await admin.getByRole('button', { name: 'I have copied the secret' }).click();
      const row = admin.getByRole('row').filter({ hasText: 'browser test receiver' });
      await row.getByText('active', { exact: true }).waitFor();
      await admin.getByText(secret).waitFor({ state: 'detached' }); // not left in the page, hidden

      await publishAndDeliver(testApi);
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(
        new Webhook(secret).verify(request.body, {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        }),
      ).toMatchObject({ data: { transactionId: 'ui-tx' } });

      await row.getByRole('button', { name: 'Deliveries' }).click();
      await admin.getByRole('button', { name: 'Refresh' }).click();
      const delivery = admin
        .getByRole('row')
        .filter({ hasText: 'transaction.review' })
        .filter({ hasText: 'delivered' });
      await delivery.waitFor();
      await delivery.getByRole('button', { name: /expand/i }).click();
      await admin.getByRole('cell', { name: '200', exact: true }).waitFor();
    });

    it('rotates the secret (shown once, the old one still signing) and disables the endpoint', async () => {
      const { page: admin } = started();
      const row = admin.getByRole('row').filter({ hasText: 'browser test receiver' });
      await row.getByRole('button', { name: `Rotate secret of ${receiverUrl}` }).click();
      await admin.getByRole('tooltip').getByRole('button', { name: 'Rotate' }).click();
      await admin
        .getByText('The previous secret keeps signing beside this one for 24 hours', { exact: false })
        .waitFor();
      await admin.getByRole('button', { name: 'I have copied the secret' }).click();
      await row.getByText(/^old secret signs until/).waitFor();

      await row.getByRole('button', { name: `Disable ${receiverUrl}` }).click();
      await admin.getByRole('tooltip').getByRole('button', { name: 'Disable' }).click();
      await row.getByText('disabled', { exact: true }).waitFor();
      expect(await row.getByRole('button', { name: `Disable ${receiverUrl}` }).count()).toBe(0);
    });
  },
);
