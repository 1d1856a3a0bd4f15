import type { CustomerDocumentEntity, DocumentVerificationStatus } from './customer-document.entity.js';

export interface DocumentVerificationResult {
  readonly status: DocumentVerificationStatus;
  /** Why (for `rejected`), or what the provider checked. */
  readonly reason?: string;
}

/**
 * Checks a KYC document when it is added. Pluggable: provide another implementation under this token (an identity
 * verification vendor) in place of ManualReviewVerificationProvider.
 */
export abstract class DocumentVerificationProvider {
  /** Stored with the document, e.g. `manual_review`. */
  abstract readonly name: string;
  abstract verify(
    document: Pick<CustomerDocumentEntity, 'type' | 'number' | 'issuingCountry' | 'expiresOn'>,
  ): Promise<DocumentVerificationResult>;
}
