import type { Page } from 'playwright-core';
import { totpCode } from '@apps/api/testing';

/** Who signs in through the UI: a user whose roles require TOTP, with the secret their authenticator holds. */
export interface TotpSignIn {
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  readonly totpSecret: string;
}

/**
 * Signs in through the sign-in page (password, then the TOTP code) and waits for the overview. The server refuses a
 * code of a 30-second step the user already signed in with (no replay), and test files share the demo users: when
 * the code is refused, the next step's code is entered once that step has begun.
 */
export async function signInWithTotp(page: Page, baseUrl: string, who: TotpSignIn): Promise<void> {
  await page.goto(new URL('/sign-in', baseUrl).href);
  await page.getByLabel('Tenant').fill(who.tenant);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Authentication code');
  await code.waitFor();
  const overview = page.getByRole('heading', { name: 'Overview', exact: true });
  const refused = page.getByRole('alert');
  await code.fill(totpCode(who.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  // Signed in, or the code refused (the page says why and keeps the code field).
  await overview.or(refused).first().waitFor();
  if (await overview.isVisible()) return;
  await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 500));
  await code.fill(totpCode(who.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await overview.waitFor();
}
