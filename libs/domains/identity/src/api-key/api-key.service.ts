import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { IdentityError } from '../identity.errors.js';
import { isRole, type Role } from '../identity.permissions.js';
import { TenantRepository } from '../tenant/tenant.repository.js';
import { apiKeySecretMatches, formatApiKey, generateApiKey, hashApiKeySecret, parseApiKey } from './api-key.codec.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyRepository } from './api-key.repository.js';

export interface CreatedApiKey {
  /** The whole key: shown once, never stored. */
  readonly key: string;
  readonly entity: ApiKeyEntity;
}

export interface ApiKeyIdentity {
  readonly keyId: string;
  readonly tenantId: string;
  readonly role: Role;
  readonly name: string;
  readonly rateLimitPerMinute: number;
}

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly tenants: TenantRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Creates a key for the tenant with the given slug (the CLI's and the demo seed's entry point). */
  async createForTenantSlug(
    slug: string,
    spec: { role: Role; name: string; createdBy?: string; secretOverride?: string },
  ): Promise<CreatedApiKey> {
    const tenant = await this.tenants.findBySlug(slug);
    if (!tenant) throw new IdentityError('identity/tenant_not_found', 'not_found', `No tenant with slug "${slug}"`);
    return this.create(tenant.id, spec);
  }

  async create(
    tenantId: string,
    spec: { role: Role; name: string; createdBy?: string; secretOverride?: string },
  ): Promise<CreatedApiKey> {
    if (!isRole(spec.role)) {
      throw new IdentityError('identity/invalid_role', 'invalid', `Unknown role "${String(spec.role)}"`);
    }
    const parts = spec.secretOverride ? parseApiKey(spec.secretOverride) : generateApiKey();
    if (!parts) throw new IdentityError('identity/invalid_api_key', 'invalid', 'The given key is not a Verity API key');
    const entity = await this.transactions.run(
      (tx) =>
        this.keys.create(tx, {
          tenantId,
          name: spec.name,
          role: spec.role,
          prefix: parts.prefix,
          secretHash: hashApiKeySecret(parts.secret),
          createdBy: spec.createdBy ?? null,
        }),
      { tenantId },
    );
    return { key: formatApiKey(parts), entity };
  }

  /** The identity behind a presented key, or null when it is malformed, unknown, revoked or wrong. */
  async authenticate(presented: string): Promise<ApiKeyIdentity | null> {
    const parts = parseApiKey(presented);
    if (!parts) return null;
    // The prefix names the tenant; the key itself is then read as that tenant, like every other tenant row.
    const tenantId = await this.keys.tenantOfPrefix(parts.prefix);
    if (!tenantId) return null;
    return this.transactions.run(
      async (tx): Promise<ApiKeyIdentity | null> => {
        const key = await this.keys.findActiveByPrefix(tx, parts.prefix);
        if (!key || !apiKeySecretMatches(parts.secret, key.secretHash) || !isRole(key.role)) return null;
        await this.keys.touch(tx, key.id);
        return {
          keyId: key.id,
          tenantId: key.tenantId,
          role: key.role,
          name: key.name,
          rateLimitPerMinute: key.rateLimitPerMinute,
        };
      },
      { tenantId },
    );
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    const revoked = await this.transactions.run((tx) => this.keys.revoke(tx, tenantId, id), { tenantId });
    if (!revoked) throw new IdentityError('identity/api_key_not_found', 'not_found', 'No such active API key');
  }

  list(tenantId: string): Promise<ApiKeyEntity[]> {
    return this.transactions.run((tx) => this.keys.findByTenant(tx, tenantId), { tenantId });
  }
}
