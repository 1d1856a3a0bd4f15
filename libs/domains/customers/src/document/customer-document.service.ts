import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { AuditLedger } from '@domains/audit';
import { actorOf, type Principal } from '@domains/identity';
import { isCountryCode } from '../country/country.codes.js';
import { CustomersError, customerNotFound, customersInvalid } from '../customers.errors.js';
import { CustomerRepository } from '../customer/customer.repository.js';
import type { AddDocumentDto } from './customer-document.dto.js';
import type { CustomerDocumentEntity } from './customer-document.entity.js';
import { CustomerDocumentRepository } from './customer-document.repository.js';
import { DocumentVerificationProvider } from './document-verification.provider.js';

/** KYC documents: metadata, checked by the DocumentVerificationProvider when added, then decided by a person. */
@Injectable()
export class CustomerDocumentService {
  constructor(
    private readonly documents: CustomerDocumentRepository,
    private readonly customers: CustomerRepository,
    private readonly provider: DocumentVerificationProvider,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  async list(tenantId: string, customerId: string): Promise<CustomerDocumentEntity[]> {
    return this.transactions.run(
      async (tx) => {
        if (!(await this.customers.findById(tx, tenantId, customerId))) throw customerNotFound();
        return this.documents.listByCustomer(tx, tenantId, customerId);
      },
      { tenantId },
    );
  }

  async add(principal: Principal, customerId: string, input: AddDocumentDto): Promise<CustomerDocumentEntity> {
    if (input.issuingCountry && !isCountryCode(input.issuingCountry)) {
      throw customersInvalid(`issuingCountry: ${input.issuingCountry} is not an ISO 3166-1 alpha-2 country code`);
    }
    if (input.expiresOn && Number.isNaN(new Date(`${input.expiresOn}T00:00:00Z`).getTime())) {
      throw customersInvalid(`expiresOn: ${input.expiresOn} is not a real date`);
    }
    const tenantId = principal.tenantId;
    const metadata = {
      type: input.type,
      number: input.number?.trim() || null,
      issuingCountry: input.issuingCountry ?? null,
      expiresOn: input.expiresOn ?? null,
    };
    const result = await this.provider.verify(metadata);
    return this.transactions.run(
      async (tx) => {
        if (!(await this.customers.findById(tx, tenantId, customerId))) throw customerNotFound();
        const document = await this.documents.insert(tx, {
          tenantId,
          customerId,
          ...metadata,
          verificationStatus: result.status,
          provider: this.provider.name,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'customers.document.added',
          subject: { type: 'customer', id: customerId },
          payload: { documentId: document.id, type: document.type, provider: document.provider, status: result.status },
        });
        return document;
      },
      { tenantId },
    );
  }

  /** A person's decision on a document waiting for review. */
  async decide(
    principal: Principal,
    customerId: string,
    documentId: string,
    decision: { decision: 'verified' | 'rejected'; reason?: string },
  ): Promise<CustomerDocumentEntity> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const document = await this.documents.findByIdForUpdate(tx, tenantId, customerId, documentId);
        if (!document) throw customerNotFound('document');
        if (document.verificationStatus !== 'pending_review') {
          throw new CustomersError(
            'customers/document_already_decided',
            'conflict',
            `The document is ${document.verificationStatus} already`,
          );
        }
        const by = principal.kind === 'user' ? principal.userId : null;
        const reason = decision.reason?.trim() || null;
        await this.documents.decide(tx, tenantId, documentId, { status: decision.decision, by, reason });
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: `customers.document.${decision.decision}`,
          subject: { type: 'customer', id: customerId },
          payload: { documentId, reason },
        });
        return {
          ...document,
          verificationStatus: decision.decision,
          verifiedBy: by,
          verifiedAt: new Date(),
          decisionReason: reason,
        };
      },
      { tenantId },
    );
  }
}
