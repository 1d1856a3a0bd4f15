import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '@platform/database';
import { InvitationEntity } from './invitation.entity.js';

@Injectable()
export class InvitationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    invitation: Pick<InvitationEntity, 'tenantId' | 'userId' | 'tokenHash' | 'createdBy' | 'expiresAt'>,
  ): Promise<InvitationEntity> {
    return tx.save(tx.create(InvitationEntity, invitation));
  }

  /**
   * The tenant of the invitation with this token hash, before any tenant is known: the token is what identifies the
   * tenant. A SECURITY DEFINER function, since row-level security hides every invitation until the tenant is set.
   */
  async tenantOfToken(tokenHash: Buffer): Promise<string | null> {
    const rows: { tenant_id: string | null }[] = await this.dataSource.query(
      'SELECT verity_invitation_tenant($1) AS tenant_id',
      [tokenHash],
    );
    return rows[0]?.tenant_id ?? null;
  }

  /** The invitation of a token among the transaction's tenant's, whatever its state. */
  findByTokenHash(tx: Tx, tokenHash: Buffer): Promise<InvitationEntity | null> {
    return tx.findOneBy(InvitationEntity, { tokenHash });
  }

  /** The same, locked until the transaction ends, so two acceptances of one token cannot both succeed. */
  findByTokenHashForUpdate(tx: Tx, tokenHash: Buffer): Promise<InvitationEntity | null> {
    return tx
      .createQueryBuilder(InvitationEntity, 'i')
      .setLock('pessimistic_write')
      .where('i.tokenHash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markAccepted(tx: Tx, tenantId: string, id: string): Promise<void> {
    await tx.update(InvitationEntity, { tenantId, id }, { acceptedAt: () => 'now()' });
  }

  /** Unused invitations of the user stop working (a new invitation replaces them). */
  async expireOpen(tx: Tx, tenantId: string, userId: string): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(InvitationEntity)
      .set({ expiresAt: () => 'now()' })
      .where('tenant_id = :tenantId AND user_id = :userId AND accepted_at IS NULL AND expires_at > now()', {
        tenantId,
        userId,
      })
      .execute();
  }
}
