import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '@platform/config';
import type { TransactionRunner, Tx } from '@platform/database';
import type { AuditLedger } from '@domains/audit';
import type { TenantRepository } from '../tenant/tenant.repository.js';
import { formatApiKey, generateApiKey, hashApiKeySecret } from './api-key.codec.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import type { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyService } from './api-key.service.js';

const TENANT = 'tenant-1';

function setUp() {
  const parts = generateApiKey();
  const row = {
    id: 'key-1',
    tenantId: TENANT,
    name: 'ingest',
    role: 'integration',
    prefix: parts.prefix,
    secretHash: hashApiKeySecret(parts.secret),
    rateLimitPerMinute: 600,
  } as unknown as ApiKeyEntity;
  let active: ApiKeyEntity | null = row;
  const keys = {
    tenantOfPrefix: vi.fn(() => Promise.resolve(TENANT)),
    findActiveByPrefix: vi.fn(() => Promise.resolve(active)),
    touch: vi.fn(() => Promise.resolve()),
  };
  const transactions = {
    reader: {} as Tx,
    run: vi.fn((work: (tx: Tx) => Promise<unknown>) => work({} as Tx)),
  };
  const service = new ApiKeyService(
    keys as unknown as ApiKeyRepository,
    {} as TenantRepository,
    transactions as unknown as TransactionRunner,
    {} as AuditLedger,
    {} as AppConfig,
  );
  return {
    service,
    keys,
    key: formatApiKey(parts),
    revoke: () => (active = null),
  };
}

describe('ApiKeyService.authenticate caches', () => {
  afterEach(() => vi.useRealTimers());

  it('looks a prefix’s tenant up once, but reads the key row (revoked or not) on every request', async () => {
    const { service, keys, key, revoke } = setUp();
    expect(await service.authenticate(key)).toMatchObject({ keyId: 'key-1', tenantId: TENANT });
    expect(await service.authenticate(key)).toMatchObject({ keyId: 'key-1' });
    expect(keys.tenantOfPrefix).toHaveBeenCalledTimes(1);
    expect(keys.findActiveByPrefix).toHaveBeenCalledTimes(2);

    revoke();
    expect(await service.authenticate(key)).toBeNull();
    // The revoked prefix is forgotten: the next request asks the database for its tenant again.
    expect(await service.authenticate(key)).toBeNull();
    expect(keys.tenantOfPrefix).toHaveBeenCalledTimes(2);
  });

  it('does not cache the tenant of a key presented with a wrong secret', async () => {
    const { service, keys, key } = setUp();
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(await service.authenticate(wrong)).toBeNull();
    expect(await service.authenticate(wrong)).toBeNull();
    expect(keys.tenantOfPrefix).toHaveBeenCalledTimes(2);
  });

  it('marks a key used at most once a minute per process', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    const { service, keys, key } = setUp();
    await service.authenticate(key);
    await service.authenticate(key);
    expect(keys.touch).toHaveBeenCalledTimes(1);
    vi.setSystemTime(new Date('2026-12-01T10:01:00Z'));
    await service.authenticate(key);
    expect(keys.touch).toHaveBeenCalledTimes(2);
  });
});
