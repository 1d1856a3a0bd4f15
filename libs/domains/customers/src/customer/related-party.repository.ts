import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { RelatedPartyEntity } from './related-party.entity.js';

export type NewRelatedParty = Omit<RelatedPartyEntity, 'id' | 'createdAt' | 'screeningStatus' | 'screeningBestScore'>;

@Injectable()
export class RelatedPartyRepository {
  listByCustomer(tx: Tx, tenantId: string, customerId: string): Promise<RelatedPartyEntity[]> {
    return tx.find(RelatedPartyEntity, { where: { tenantId, customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(tx: Tx, party: NewRelatedParty): Promise<RelatedPartyEntity> {
    return tx.save(tx.create(RelatedPartyEntity, { ...party, screeningStatus: null, screeningBestScore: null }));
  }

  async remove(tx: Tx, tenantId: string, customerId: string, id: string): Promise<boolean> {
    const result = await tx.delete(RelatedPartyEntity, { tenantId, customerId, id });
    return (result.affected ?? 0) > 0;
  }

  async setScreening(tx: Tx, tenantId: string, id: string, status: string, bestScore: number): Promise<void> {
    await tx.update(RelatedPartyEntity, { tenantId, id }, { screeningStatus: status, screeningBestScore: bestScore });
  }
}
