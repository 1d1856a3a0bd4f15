import { describe, expect, it, vi } from 'vitest';
import { TenantContext, type TransactionRunner } from '@platform/database';
import type { AuditEvent, AuditLedger } from '@domains/audit';
import type { AuthService, SessionIssuance } from '../session/auth.service.js';
import type { TenantEntity } from '../tenant/tenant.entity.js';
import type { TenantRepository } from '../tenant/tenant.repository.js';
import type { UserEntity } from '../user/user.entity.js';
import type { UserRepository } from '../user/user.repository.js';
import { OidcProtocolFailure, type OidcClient, type OidcIdentity } from './oidc.client.js';
import { OidcSignInService, oidcErrorCodeOf } from './oidc.service.js';

const tenant = { id: 'tenant-1', slug: 'acme', name: 'Acme' } as TenantEntity;
const user = {
  id: 'user-1',
  tenantId: tenant.id,
  email: 'ana@acme.test',
  roles: ['analyst'],
  disabledAt: null,
  lockedUntil: null,
} as unknown as UserEntity;

const identity: OidcIdentity = {
  issuer: 'https://idp.example',
  subject: 'idp-123',
  email: 'Ana@Acme.test',
  emailVerified: true,
  amr: ['pwd'],
};

function setUp(options: { identity?: Partial<OidcIdentity>; failure?: OidcProtocolFailure; user?: UserEntity | null }) {
  const recorded: AuditEvent[] = [];
  const issued: SessionIssuance[] = [];
  const client = {
    enabled: true,
    settings: { tenant: 'acme', issuerIdentifier: 'https://idp.example', displayName: 'Acme SSO' },
    complete: vi.fn(() =>
      options.failure ? Promise.reject(options.failure) : Promise.resolve({ ...identity, ...options.identity }),
    ),
  } as unknown as OidcClient;
  const tenants = { findBySlug: vi.fn(() => Promise.resolve(tenant)) } as unknown as TenantRepository;
  const findByEmail = vi.fn(() => Promise.resolve(options.user === undefined ? user : options.user));
  const users = { findByEmail } as unknown as UserRepository;
  const auth = {
    continueSignIn: vi.fn((_t: TenantEntity, _u: UserEntity, how: SessionIssuance) => {
      issued.push(how);
      return Promise.resolve({ status: 'signed_in', token: 'token' });
    }),
  } as unknown as AuthService;
  const transactions = { run: (work: (tx: unknown) => Promise<unknown>) => work({}) } as unknown as TransactionRunner;
  const ledger = {
    record: (_tx: unknown, event: AuditEvent) => {
      recorded.push(event);
      return Promise.resolve({ entryId: 'e', payloadHash: new Uint8Array() });
    },
  } as unknown as AuditLedger;
  const service = new OidcSignInService(client, tenants, users, auth, transactions, ledger);
  const complete = () =>
    TenantContext.enter(() => service.complete({ query: new URLSearchParams('code=c&state=s'), sealedState: 'x' }));
  return { complete, recorded, issued, findByEmail };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return oidcErrorCodeOf(error);
  }
  throw new Error('expected the sign-in to be refused');
}

describe('OidcSignInService', () => {
  it('issues a session through continueSignIn for the existing user, matched by lower-cased email', async () => {
    const { complete, issued, recorded, findByEmail } = setUp({});
    await complete();
    expect(findByEmail).toHaveBeenCalledWith(tenant.id, 'ana@acme.test');
    expect(issued).toEqual([
      {
        method: 'oidc',
        mfaSatisfied: false,
        userAgent: undefined,
        evidence: { method: 'oidc', issuer: 'https://idp.example', subject: 'idp-123', amr: ['pwd'] },
      },
    ]);
    expect(recorded).toEqual([]);
  });

  it.each([['mfa'], ['otp'], ['hwk'], ['swk']])('counts amr %s as MFA done by the provider', async (method) => {
    const { complete, issued } = setUp({ identity: { amr: ['pwd', method] } });
    await complete();
    expect(issued[0]?.mfaSatisfied).toBe(true);
  });

  it.each([
    ['email_missing', { identity: { email: undefined } }, 'oidc_no_account', 'tenant'],
    ['email_unverified', { identity: { emailVerified: false } }, 'oidc_no_account', 'tenant'],
    ['email_unverified', { identity: { emailVerified: undefined } }, 'oidc_no_account', 'tenant'],
    ['unknown_email', { user: null }, 'oidc_no_account', 'tenant'],
    ['disabled', { user: { ...user, disabledAt: new Date() } }, 'oidc_no_account', 'user'],
    ['account_locked', { user: { ...user, lockedUntil: new Date(Date.now() + 60_000) } }, 'account_locked', 'user'],
    ['state_invalid', { failure: new OidcProtocolFailure('state_invalid', 'no cookie') }, 'oidc_expired', 'tenant'],
    ['state_mismatch', { failure: new OidcProtocolFailure('state_mismatch', 'other') }, 'oidc_expired', 'tenant'],
    [
      'provider_error',
      { failure: new OidcProtocolFailure('provider_error', 'denied', 'access_denied') },
      'oidc_cancelled',
      'tenant',
    ],
    ['response_invalid', { failure: new OidcProtocolFailure('response_invalid', 'bad') }, 'oidc_failed', 'tenant'],
  ] as const)(
    'refuses with reason %s, records it in the ledger and creates no session',
    async (reason, options, code, subjectType) => {
      const { complete, issued, recorded } = setUp(options);
      expect(await refusal(complete())).toBe(code);
      expect(issued).toEqual([]);
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({
        tenantId: tenant.id,
        actor: { type: 'system', id: 'sign-in' },
        action: 'identity.sign_in.failed',
        subject: { type: subjectType },
        payload: { reason, method: 'oidc', issuer: 'https://idp.example' },
      });
    },
  );

  it('records who the provider vouched for, and an unknown address only hashed', async () => {
    const { complete, recorded } = setUp({ user: null });
    await refusal(complete());
    const payload = recorded[0]?.payload as Record<string, unknown>;
    expect(payload).toMatchObject({ subject: 'idp-123', emailSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(payload)).not.toContain('acme.test');
  });

  it("keeps the provider's error code for the ledger, not for the browser", async () => {
    const { complete, recorded } = setUp({
      failure: new OidcProtocolFailure('provider_error', 'denied', 'access_denied'),
    });
    expect(await refusal(complete())).toBe('oidc_cancelled');
    expect(recorded[0]?.payload).toMatchObject({ providerError: 'access_denied' });
  });
});
