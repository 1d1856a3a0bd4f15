import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TenantContext, TransactionRunner } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
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

export interface ApiKeySpec {
  readonly role: Role;
  readonly name: string;
  /** The person who created it, when a person did. */
  readonly createdBy?: string;
  readonly secretOverride?: string;
  /** Who is recorded in the audit ledger as creating it; defaults to the person, else the system component `api-keys`. */
  readonly actor?: AuditActor;
}

/** Recorded as the actor when no person created or revoked a key (the CLI and the demo seed say who they are). */
const SYSTEM_ACTOR: AuditActor = { type: 'system', id: 'api-keys' };

export interface ApiKeyIdentity {
  readonly keyId: string;
  readonly tenantId: string;
  readonly role: Role;
  readonly name: string;
  readonly rateLimitPerMinute: number;
}

/** A key's last use is written at most this often by one process (the UPDATE itself also skips within a minute). */
const TOUCH_INTERVAL_MS = 60_000;
/** Bound of the per-process caches below; past it they start afresh. */
const CACHE_LIMIT = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= CACHE_LIMIT && !map.has(key)) map.clear();
  map.set(key, value);
}

@Injectable()
export class ApiKeyService {
  /**
   * Prefix → tenant of keys that authenticated: a key never changes tenant, and the key row is still read (revoked or
   * not, secret checked) in that tenant on every request, so the cache only saves the SECURITY DEFINER lookup.
   */
  private readonly prefixTenants = new Map<string, string>();
  /** When this process last marked each key used, so busy integrations skip even the no-op UPDATE. */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly tenants: TenantRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
    private readonly config: AppConfig,
  ) {}

  /** Creates a key for the tenant with the given slug (the CLI's and the demo seed's entry point). */
  async createForTenantSlug(slug: string, spec: ApiKeySpec): Promise<CreatedApiKey> {
    const tenant = await this.tenants.findBySlug(slug);
    if (!tenant) throw new IdentityError('identity/tenant_not_found', 'not_found', `No tenant with slug "${slug}"`);
    return this.create(tenant.id, spec);
  }

  async create(tenantId: string, spec: ApiKeySpec): Promise<CreatedApiKey> {
    if (!isRole(spec.role)) {
      throw new IdentityError('identity/invalid_role', 'invalid', `Unknown role "${String(spec.role)}"`);
    }
    // A key is a bearer secret with no second factor: roles that people may only use with MFA are not for keys.
    const mfaRoles: readonly string[] = this.config.values.MFA_REQUIRED_ROLES;
    if (mfaRoles.includes(spec.role)) {
      throw new IdentityError(
        'identity/api_key_role_not_allowed',
        'unprocessable',
        `API keys cannot hold the ${spec.role} role: it requires multi-factor authentication (MFA_REQUIRED_ROLES)`,
      );
    }
    const parts = spec.secretOverride ? parseApiKey(spec.secretOverride) : generateApiKey();
    if (!parts) throw new IdentityError('identity/invalid_api_key', 'invalid', 'The given key is not a Verity API key');
    const actor = spec.actor ?? (spec.createdBy ? { type: 'user' as const, id: spec.createdBy } : SYSTEM_ACTOR);
    const entity = await this.transactions.run(
      async (tx) => {
        const created = await this.keys.create(tx, {
          tenantId,
          name: spec.name,
          role: spec.role,
          prefix: parts.prefix,
          secretHash: hashApiKeySecret(parts.secret),
          createdBy: spec.createdBy ?? null,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'identity.api_key.created',
          subject: { type: 'api_key', id: created.id },
          payload: { name: created.name, role: created.role, prefix: created.prefix },
        });
        return created;
      },
      { tenantId },
    );
    return { key: formatApiKey(parts), entity };
  }

  /** The identity behind a presented key, or null when it is malformed, unknown, revoked or wrong. */
  async authenticate(presented: string): Promise<ApiKeyIdentity | null> {
    const parts = parseApiKey(presented);
    if (!parts) return null;
    // The prefix names the tenant; the key itself is then read as that tenant, like every other tenant row.
    const cached = this.prefixTenants.get(parts.prefix);
    const tenantId = cached ?? (await this.keys.tenantOfPrefix(parts.prefix));
    if (!tenantId) return null;
    // Read in the tenant's scope: the pooled connection is bound to the tenant once, so this read and the request's
    // later transactions in the same tenant need no set_config of their own (see TransactionRunner.run).
    const key = await TenantContext.run(tenantId, () =>
      this.keys.findActiveByPrefix(this.transactions.reader, parts.prefix),
    );
    if (!key) {
      // A prefix learnt earlier and no longer found (revoked, or gone): ask the database again next time.
      if (cached !== undefined) this.prefixTenants.delete(parts.prefix);
      return null;
    }
    if (!apiKeySecretMatches(parts.secret, key.secretHash) || !isRole(key.role)) return null;
    remember(this.prefixTenants, parts.prefix, tenantId);
    const now = Date.now();
    if (now - (this.touchedAt.get(key.id) ?? -Infinity) >= TOUCH_INTERVAL_MS) {
      remember(this.touchedAt, key.id, now);
      await TenantContext.run(tenantId, () => this.transactions.run((tx) => this.keys.touch(tx, key.id), { tenantId }));
    }
    return {
      keyId: key.id,
      tenantId: key.tenantId,
      role: key.role,
      name: key.name,
      rateLimitPerMinute: key.rateLimitPerMinute,
    };
  }

  /** Revokes the key and records it, in one transaction; an unknown, revoked or other tenant's key is 404. */
  async revoke(tenantId: string, id: string, actor: AuditActor = SYSTEM_ACTOR): Promise<void> {
    const revoked = await this.transactions.run(
      async (tx) => {
        if (!(await this.keys.revoke(tx, tenantId, id))) return false;
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'identity.api_key.revoked',
          subject: { type: 'api_key', id },
          payload: {},
        });
        return true;
      },
      { tenantId },
    );
    if (!revoked) throw new IdentityError('identity/api_key_not_found', 'not_found', 'No such active API key');
  }

  list(tenantId: string): Promise<ApiKeyEntity[]> {
    return this.transactions.run((tx) => this.keys.findByTenant(tx, tenantId), { tenantId });
  }
}
