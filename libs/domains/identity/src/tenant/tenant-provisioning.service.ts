import { Injectable } from '@nestjs/common';
import { TenantContext, TransactionRunner, type Tx } from '@platform/database';
import type { Role } from '../identity.permissions.js';
import { PasswordHasher } from '../user/password.hasher.js';
import { UserRepository } from '../user/user.repository.js';
import type { TenantEntity } from './tenant.entity.js';
import { TenantRepository } from './tenant.repository.js';

export interface TenantUserSpec {
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  readonly roles: Role[];
}

export interface TenantSpec {
  readonly slug: string;
  readonly name: string;
  readonly users: readonly TenantUserSpec[];
}

@Injectable()
export class TenantProvisioningService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly transactions: TransactionRunner,
  ) {}

  countTenants(): Promise<number> {
    return this.tenants.count();
  }

  /** Creates a tenant with its first users in one transaction (inside `tx` when the caller has one). */
  async provision(spec: TenantSpec, tx?: Tx): Promise<TenantEntity> {
    const hashes = await Promise.all(spec.users.map((u) => this.hasher.hash(u.password)));
    const work = async (t: Tx): Promise<TenantEntity> => {
      const tenant = await this.tenants.create(t, { slug: spec.slug, name: spec.name });
      // Row-level security: the tenant's own rows can only be written as that tenant.
      await this.transactions.actAs(t, tenant.id);
      for (const [i, user] of spec.users.entries()) {
        await this.users.create(t, tenant.id, {
          email: user.email,
          displayName: user.displayName,
          passwordHash: hashes[i] ?? null,
          roles: user.roles,
        });
      }
      return tenant;
    };
    return tx ? work(tx) : this.transactions.run(work);
  }

  /**
   * Adds a user with a password and roles to an existing tenant, unless one with that email exists already (then it
   * is left as it is): for seeds and test harnesses; people join through an admin's invitation.
   */
  async ensureUser(tenantId: string, user: TenantUserSpec): Promise<void> {
    if (await TenantContext.run(tenantId, () => this.users.findByEmail(tenantId, user.email))) return;
    const passwordHash = await this.hasher.hash(user.password);
    try {
      await this.transactions.run(
        (t) =>
          this.users.create(t, tenantId, {
            email: user.email,
            displayName: user.displayName,
            passwordHash,
            roles: user.roles,
          }),
        { tenantId },
      );
    } catch (error) {
      // Created meanwhile by a concurrent seed: the unique (tenant, email) index decided, and the user exists.
      if ((error as { code?: unknown }).code !== '23505') throw error;
    }
  }
}
