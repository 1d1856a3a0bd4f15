import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { TotpFactorEntity } from './totp-factor.entity.js';

@Injectable()
export class TotpFactorRepository {
  findByUser(tx: Tx, tenantId: string, userId: string): Promise<TotpFactorEntity | null> {
    return tx.findOneBy(TotpFactorEntity, { tenantId, userId });
  }

  /** The factor, locked until the transaction ends, so two codes checked at once cannot both pass. */
  findByUserForUpdate(tx: Tx, tenantId: string, userId: string): Promise<TotpFactorEntity | null> {
    return tx.findOne(TotpFactorEntity, { where: { tenantId, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Stores a new pending secret, replacing an older pending one; an enrolled secret stays as it is. */
  async savePending(tx: Tx, tenantId: string, userId: string, ciphertext: Buffer): Promise<void> {
    await tx.query(
      `INSERT INTO identity_totp_factors (user_id, tenant_id, pending_secret_ciphertext, pending_created_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id) DO UPDATE
         SET pending_secret_ciphertext = excluded.pending_secret_ciphertext, pending_created_at = now(),
             updated_at = now()
       WHERE identity_totp_factors.tenant_id = excluded.tenant_id`,
      [userId, tenantId, ciphertext],
    );
  }

  /** Makes the pending secret the enrolled one, remembering the time step of the confirming code. */
  async confirmPending(tx: Tx, tenantId: string, userId: string, usedStep: number): Promise<void> {
    await tx.query(
      `UPDATE identity_totp_factors
          SET secret_ciphertext = pending_secret_ciphertext, enrolled_at = now(), pending_secret_ciphertext = NULL,
              pending_created_at = NULL, last_used_step = $3, updated_at = now()
        WHERE tenant_id = $1 AND user_id = $2 AND pending_secret_ciphertext IS NOT NULL`,
      [tenantId, userId, usedStep],
    );
  }

  /** Enrols a secret directly (the demo seed), without a pending step. */
  async enrol(tx: Tx, tenantId: string, userId: string, ciphertext: Buffer): Promise<void> {
    await tx.query(
      `INSERT INTO identity_totp_factors (user_id, tenant_id, secret_ciphertext, enrolled_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id) DO UPDATE
         SET secret_ciphertext = excluded.secret_ciphertext, enrolled_at = now(), pending_secret_ciphertext = NULL,
             pending_created_at = NULL, last_used_step = NULL, updated_at = now()
       WHERE identity_totp_factors.tenant_id = excluded.tenant_id`,
      [userId, tenantId, ciphertext],
    );
  }

  /** Records the time step of an accepted code; later codes of that step or earlier ones are refused. */
  async recordUsedStep(tx: Tx, tenantId: string, userId: string, step: number): Promise<void> {
    await tx.query(
      `UPDATE identity_totp_factors SET last_used_step = $3, updated_at = now() WHERE tenant_id = $1 AND user_id = $2`,
      [tenantId, userId, step],
    );
  }
}
