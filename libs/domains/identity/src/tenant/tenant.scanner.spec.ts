import { describe, expect, it } from 'vitest';
import { TenantContext } from '@platform/database';
import type { TenantRepository } from './tenant.repository.js';
import { TenantScanError, TenantScanner } from './tenant.scanner.js';

const scannerOf = (ids: string[]): TenantScanner =>
  new TenantScanner({ listIds: () => Promise.resolve(ids) } as unknown as TenantRepository);

describe('TenantScanner', () => {
  it('runs each tenant in its own context and sums the results', async () => {
    const seen: (string | undefined)[] = [];
    const total = await scannerOf(['a', 'b', 'c']).sum((tenantId) => {
      seen.push(TenantContext.current());
      return Promise.resolve(tenantId === 'b' ? 2 : 1);
    });
    expect(total).toBe(4);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('finishes the other tenants when one fails, then fails naming it', async () => {
    const done: string[] = [];
    const scan = scannerOf(['a', 'b', 'c']).sum((tenantId) => {
      if (tenantId === 'b') return Promise.reject(new Error('index build failed'));
      done.push(tenantId);
      return Promise.resolve(1);
    });
    await expect(scan).rejects.toBeInstanceOf(TenantScanError);
    await expect(scan).rejects.toMatchObject({ failures: [{ tenantId: 'b' }] });
    expect(done).toEqual(['a', 'c']);
  });
});
