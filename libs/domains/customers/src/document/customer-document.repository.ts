import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { CustomerDocumentEntity } from './customer-document.entity.js';

export type NewCustomerDocument = Omit<
  CustomerDocumentEntity,
  'id' | 'createdAt' | 'verifiedBy' | 'verifiedAt' | 'decisionReason'
>;

@Injectable()
export class CustomerDocumentRepository {
  listByCustomer(tx: Tx, tenantId: string, customerId: string): Promise<CustomerDocumentEntity[]> {
    return tx.find(CustomerDocumentEntity, { where: { tenantId, customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(tx: Tx, document: NewCustomerDocument): Promise<CustomerDocumentEntity> {
    return tx.save(
      tx.create(CustomerDocumentEntity, { ...document, verifiedBy: null, verifiedAt: null, decisionReason: null }),
    );
  }

  findByIdForUpdate(tx: Tx, tenantId: string, customerId: string, id: string): Promise<CustomerDocumentEntity | null> {
    return tx
      .createQueryBuilder(CustomerDocumentEntity, 'd')
      .setLock('pessimistic_write')
      .where('d.tenantId = :tenantId AND d.customerId = :customerId AND d.id = :id', { tenantId, customerId, id })
      .getOne();
  }

  async decide(
    tx: Tx,
    tenantId: string,
    id: string,
    decision: { status: 'verified' | 'rejected'; by: string | null; reason: string | null },
  ): Promise<void> {
    await tx.update(
      CustomerDocumentEntity,
      { tenantId, id },
      {
        verificationStatus: decision.status,
        verifiedBy: decision.by,
        verifiedAt: new Date(),
        decisionReason: decision.reason,
      },
    );
  }
}
