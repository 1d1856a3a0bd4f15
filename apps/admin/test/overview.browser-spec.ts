import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '@platform/testing';
import { demoSignIn, startTestApi, totpCode } from '@apps/api/testing';
import type { TestApi } from '@apps/api/testing';

// Warns loudly (BROWSER TESTS SKIPPED ...) when Debian's chromium is missing, so a skipped run is never mistaken
// for a passing one.
const chromiumInstalled = hasChromium();

describe.skipIf(!chromiumInstalled)('admin UI overview (chromium)', { timeout: 30_000 }, () => {
  let api: TestApi | undefined;
  let profileDir: string | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    api = await startTestApi();
    profileDir = await mkdtemp(join(tmpdir(), 'verity-admin-browser-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    // Below the 30 s test timeout, so a missing element fails with Playwright's locator message, not a bare timeout.
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await api?.close();
    if (profileDir !== undefined) await rm(profileDir, { recursive: true, force: true });
  }, 60_000);

  /** A page with no session cookie, so each test starts signed out whatever ran before it. */
  async function openSignedOutPage(): Promise<{ page: Page; baseUrl: string }> {
    if (context === undefined || api === undefined) throw new Error('beforeAll did not start the browser and the api');
    await context.clearCookies();
    return { page: await context.newPage(), baseUrl: api.baseUrl };
  }

  async function submitSignIn(page: Page, password: string): Promise<void> {
    await page.getByLabel('Tenant').fill(demoSignIn.tenant);
    await page.getByLabel('Email').fill(demoSignIn.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('sends a signed-out visitor to sign-in, then shows the tenant overview', async () => {
    const { page, baseUrl } = await openSignedOutPage();
    try {
      await page.goto(baseUrl);
      await page.waitForURL((url) => url.pathname === '/sign-in');

      await submitSignIn(page, demoSignIn.password);
      // The demo admin has TOTP enrolled: the second step asks for the authenticator's code.
      const code = page.getByLabel('Authentication code');
      await code.waitFor();
      await code.fill(totpCode(demoSignIn.totpSecret));
      await page.getByRole('button', { name: 'Verify' }).click();

      await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
      await page.getByRole('main').getByText('Demo Payments', { exact: true }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
    } finally {
      await page.close();
    }
  });

  it('keeps a wrong password on sign-in and shows the error', async () => {
    const { page, baseUrl } = await openSignedOutPage();
    try {
      await page.goto(new URL('/sign-in', baseUrl).href);

      await submitSignIn(page, `${demoSignIn.password}-wrong`);

      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect((await alert.innerText()).trim()).not.toBe('');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    } finally {
      await page.close();
    }
  });
});
