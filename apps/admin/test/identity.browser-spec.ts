import { randomBytes } from 'node:crypto';
import { chromium, request } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { TenantProvisioningService, TenantRepository } from '@domains/identity';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { demoSignIn, startTestApi, totpCode } from '@apps/api/testing';
import type { TestApi } from '@apps/api/testing';

const chromiumInstalled = hasChromium();

/** The demo tenant's second admin, who approves what the first one asks for (same password and TOTP secret). */
const secondAdminSignIn = { ...demoSignIn, email: 'admin2@demo.verity.local' };

describe.skipIf(!chromiumInstalled)(
  'admin UI identity: MFA sign-in, users, four-eyes (chromium)',
  { timeout: 90_000 },
  () => {
    let api: TestApi | undefined;
    let browser: Browser | undefined;
    let firstAdmin: BrowserContext | undefined;
    let secondAdmin: BrowserContext | undefined;
    let adminPage: Page | undefined;
    const suffix = randomBytes(3).toString('hex');
    const invitee = { email: `nina.${suffix}@demo.verity.local`, displayName: `Nina Newcomer ${suffix}` };
    let invitationUrl: URL | undefined;

    beforeAll(async () => {
      api = await startTestApi();
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      // Two contexts are two browsers as far as cookies go: two people signed in at once.
      const contextOptions = { viewport: { width: 1440, height: 1000 } };
      firstAdmin = await browser.newContext(contextOptions);
      secondAdmin = await browser.newContext(contextOptions);
      // Below the test timeout, so a missing element fails with Playwright's locator message, not a bare timeout.
      firstAdmin.setDefaultTimeout(20_000);
      secondAdmin.setDefaultTimeout(20_000);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
    }, 60_000);

    function started(): { api: TestApi; firstAdmin: BrowserContext; secondAdmin: BrowserContext } {
      if (api === undefined || firstAdmin === undefined || secondAdmin === undefined) {
        throw new Error('beforeAll did not start the browser and the api');
      }
      return { api, firstAdmin, secondAdmin };
    }

    /** Password, then the TOTP step, as a person with an authenticator app does it. */
    async function signInWithTotp(page: Page, credentials: typeof demoSignIn): Promise<void> {
      await page.goto(new URL('/sign-in', started().api.baseUrl).href);
      await page.getByLabel('Tenant').fill(credentials.tenant);
      await page.getByLabel('Email').fill(credentials.email);
      await page.getByLabel('Password').fill(credentials.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      const code = page.getByLabel('Authentication code');
      await code.waitFor();
      await code.fill(totpCode(credentials.totpSecret));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    }

    it('signs the first admin in with password and TOTP, and offers the admin areas', async () => {
      adminPage = await started().firstAdmin.newPage();
      await signInWithTotp(adminPage, demoSignIn);

      const navigation = adminPage.getByRole('navigation').or(adminPage.getByRole('menu'));
      for (const area of ['Users', 'API keys', 'Approvals']) {
        await navigation.getByRole('link', { name: area, exact: true }).waitFor();
      }
    });

    it('invites a user, shows the invitation link once, and requests roles for them', async () => {
      const page = adminPage;
      if (page === undefined) throw new Error('the sign-in test did not run');
      await page.getByRole('link', { name: 'Users', exact: true }).click();
      await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();

      await page.getByRole('button', { name: 'Invite user' }).click();
      const invite = page.getByRole('dialog', { name: 'Invite a user' });
      await invite.getByLabel('Email').fill(invitee.email);
      await invite.getByLabel('Display name').fill(invitee.displayName);
      await invite.getByRole('button', { name: 'Invite' }).click();

      const link = page.getByLabel('Invitation link', { exact: true });
      await link.waitFor();
      const url = new URL((await link.innerText()).trim());
      expect(url.pathname).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
      invitationUrl = url;
      await page.getByRole('button', { name: 'Done' }).click();

      const row = page.getByRole('row').filter({ hasText: invitee.email });
      await row.getByText('invited', { exact: true }).waitFor();
      await row.getByRole('button', { name: `Change roles of ${invitee.displayName}` }).click();
      const roles = page.getByRole('dialog', { name: `Change roles of ${invitee.displayName}` });
      await roles.getByRole('checkbox', { name: /^Analyst/ }).check();
      await roles.getByRole('button', { name: 'Request approval' }).click();

      // Nothing changes until a second admin approves: the row says so, and the user still has no role.
      await row.getByText('pending approval', { exact: true }).waitFor();
      await row.getByText('none', { exact: true }).waitFor();
    });

    it('lets a second admin, signed in with TOTP elsewhere, re-authenticate and approve the role change', async () => {
      const { api: testApi, secondAdmin: context } = started();
      const page = await context.newPage();
      await signInWithTotp(page, secondAdminSignIn);

      // The approver signed in just now, which counts as re-authenticating. Their session is made to look as if that
      // was longer ago than the approval window allows, which is what the server checks when they approve.
      const session = (await (await page.request.get(new URL('/v1/auth/session', testApi.baseUrl).href)).json()) as {
        tenant: { id: string };
        user: { id: string };
      };
      await testApi.app.get(TransactionRunner).run(
        (tx) =>
          tx.query(
            `UPDATE identity_sessions SET reauthenticated_at = now() - interval '1 hour'
            WHERE user_id = $1 AND revoked_at IS NULL`,
            [session.user.id],
          ),
        { tenantId: session.tenant.id },
      );

      await page.getByRole('link', { name: 'Approvals', exact: true }).click();
      await page.getByRole('heading', { name: 'Approvals', exact: true }).waitFor();
      const inbox = page.getByRole('tabpanel');
      const request = inbox.getByRole('row').filter({ hasText: invitee.email });
      await request.getByRole('button', { name: 'Change of user roles' }).click();

      const drawer = page.getByRole('dialog').filter({ hasText: 'Exact content to approve' });
      const content = drawer.getByLabel('Content to approve');
      await content.waitFor();
      expect(await content.innerText()).toContain('analyst');
      expect((await drawer.getByLabel('Content hash').innerText()).trim()).toMatch(/^[0-9a-f]{64}$/);

      await drawer.getByRole('button', { name: 'Approve' }).click();
      const confirm = page.getByRole('dialog', { name: 'Confirm it is you' });
      // Someone with an authenticator re-authenticates with a code; the one used to sign in is spent, so the next step's.
      await confirm.getByLabel('Your authentication code').fill(totpCode(secondAdminSignIn.totpSecret, 1));
      await confirm.getByRole('button', { name: 'Confirm' }).click();

      await drawer.getByText('approved', { exact: true }).waitFor();
      await page.close();
    });

    it("shows the first admin the user's new roles once approved", async () => {
      const page = adminPage;
      if (page === undefined) throw new Error('the sign-in test did not run');
      await page.getByRole('button', { name: 'Refresh' }).click();
      const row = page.getByRole('row').filter({ hasText: invitee.email });
      // The row says "pending approval" until the reloaded list shows the approved change in place.
      await row.getByText('pending approval', { exact: true }).waitFor({ state: 'hidden' });
      await row.getByText('analyst', { exact: true }).waitFor();
      expect(await row.getByText('none', { exact: true }).count()).toBe(0);
    });

    it('creates an API key shown once, which works until it is revoked', async () => {
      const page = adminPage;
      const { api: testApi } = started();
      if (page === undefined) throw new Error('the sign-in test did not run');
      await page.getByRole('link', { name: 'API keys', exact: true }).click();
      await page.getByRole('heading', { name: 'API keys' }).waitFor();
      await page.getByRole('button', { name: 'Create key' }).click();
      const create = page.getByRole('dialog', { name: 'Create an API key' });
      const name = `browser test ${suffix}`;
      await create.getByLabel('Name').fill(name);
      await create.getByRole('button', { name: 'Create key' }).click();

      const shown = page.getByLabel('New API key', { exact: true });
      await shown.waitFor();
      const key = (await shown.innerText()).trim();
      const asKey = { headers: { Authorization: `Bearer ${key}` } };
      const checkpointUrl = new URL('/v1/audit/checkpoint', testApi.baseUrl).href;
      // A fresh request context: only the key, no session cookie.
      const machine = await request.newContext();
      try {
        expect((await machine.get(checkpointUrl, asKey)).status()).not.toBe(401);
        await page.getByRole('button', { name: 'I have copied the key' }).click();

        const row = page.getByRole('row').filter({ hasText: name });
        await row.getByText('Never', { exact: true }).waitFor();
        await row.getByRole('button', { name: `Revoke ${name}` }).click();
        await page.getByRole('tooltip').getByRole('button', { name: 'Revoke' }).click();
        await row.getByText(/^revoked/).waitFor();
        expect((await machine.get(checkpointUrl, asKey)).status()).toBe(401);
      } finally {
        await machine.dispose();
      }
    });

    it('lets the invited person choose a password on the invitation page and sign in with their new role', async () => {
      const { api: testApi } = started();
      if (invitationUrl === undefined || browser === undefined) throw new Error('the invitation test did not run');
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(new URL(invitationUrl.pathname, testApi.baseUrl).href);
        const password = `lantern orbit meadow ${suffix}`;
        await page.getByLabel('New password', { exact: true }).fill(password);
        await page.getByLabel('Repeat the password').fill(password);
        await page.getByRole('button', { name: 'Set password' }).click();
        await page.getByText('Your password is set').waitFor();

        // The link works once.
        const again = await page.request.post(new URL('/v1/auth/invitations/accept', testApi.baseUrl).href, {
          data: { token: invitationUrl.pathname.split('/').pop(), password },
        });
        expect(again.status()).toBe(401);

        await page.getByRole('link', { name: 'Go to sign-in' }).click();
        await page.getByLabel('Tenant').fill(demoSignIn.tenant);
        await page.getByLabel('Email').fill(invitee.email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
        // An analyst manages no users and no keys; the menu does not offer them.
        await page.getByRole('link', { name: 'Approvals', exact: true }).waitFor();
        expect(await page.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
        expect(await page.getByRole('link', { name: 'API keys', exact: true }).count()).toBe(0);
      } finally {
        await context.close();
      }
    });

    it('takes a new admin without an authenticator to enrolment, with a QR code, and lets them in once confirmed', async () => {
      const { api: testApi } = started();
      if (browser === undefined) throw new Error('beforeAll did not start the browser');
      const tenant = await testApi.app.get(TenantRepository).findBySlug(demoSignIn.tenant);
      if (!tenant) throw new Error('the demo tenant is missing');
      const email = `maya.${suffix}@demo.verity.local`;
      const password = `quiet harbour ${suffix} lamp`;
      await testApi.app
        .get(TenantProvisioningService)
        .ensureUser(tenant.id, { email, displayName: 'Maya Admin', password, roles: ['admin'] });

      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(new URL('/users', testApi.baseUrl).href);
        await page.waitForURL((url) => url.pathname === '/sign-in');
        await page.getByLabel('Tenant').fill(demoSignIn.tenant);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();

        // The role requires MFA and the api allows this session nothing but enrolment: the UI goes straight there.
        await page.waitForURL((url) => url.pathname === '/mfa/enrol');
        await page.getByRole('heading', { name: 'Set up multi-factor authentication' }).waitFor();
        const qr = page.getByRole('img', { name: /QR code/ });
        await qr.waitFor();
        expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;/);
        const secret = (await page.getByLabel('TOTP secret').innerText()).replace(/\s/g, '');
        expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

        await page.getByLabel('Authentication code').fill(totpCode(secret));
        await page.getByRole('button', { name: 'Confirm and enrol' }).click();
        await page.getByText('Authenticator app enrolled').waitFor();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
        await page.getByRole('link', { name: 'Users', exact: true }).waitFor();
      } finally {
        await context.close();
      }
    });

    it('warns before the idle timeout, keeps the session on request, and signs out once it passes', async () => {
      const { firstAdmin: context, api: testApi } = started();
      const page = await context.newPage();
      // The browser's clock is driven, not waited for; the server's idle timeout itself is covered by the api tests.
      await page.clock.install();
      await page.goto(new URL('/', testApi.baseUrl).href);
      await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
      const warning = page.getByRole('dialog', { name: 'Your session is about to end' });
      expect(await warning.count()).toBe(0);

      // The default idle timeout is 15 minutes and the warning comes 2 minutes before.
      await page.clock.fastForward('13:30');
      await warning.waitFor();
      await warning.getByRole('button', { name: 'Stay signed in' }).click();
      await warning.waitFor({ state: 'hidden' });

      await page.clock.fastForward('13:30');
      await warning.waitFor();
      await page.clock.fastForward('02:00');
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByText('You were signed out after a period of inactivity.').waitFor();

      // Signing out ended the session on the server too, not just in this tab.
      const after = await page.request.get(new URL('/v1/auth/session', testApi.baseUrl).href);
      expect(after.status()).toBe(401);
      await page.close();
    });
  },
);
