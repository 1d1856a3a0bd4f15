import { Injectable } from '@nestjs/common';
import { DocumentVerificationProvider, type DocumentVerificationResult } from './document-verification.provider.js';

/**
 * The default provider (no external service is reachable): every document waits for a compliance officer, who marks it
 * verified or rejected through `POST /v1/customers/{id}/documents/{documentId}/verify`.
 */
@Injectable()
export class ManualReviewVerificationProvider extends DocumentVerificationProvider {
  readonly name = 'manual_review';

  verify(): Promise<DocumentVerificationResult> {
    return Promise.resolve({ status: 'pending_review' });
  }
}
