import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { IdentityModule } from '@domains/identity';
import { ScreeningModule } from '@domains/screening';
import { CustomerAccountEntity } from './customer/customer-account.entity.js';
import { CustomerAccountRepository } from './customer/customer-account.repository.js';
import { CustomerAssessmentService } from './customer/customer-assessment.service.js';
import { CustomerEntity } from './customer/customer.entity.js';
import { CustomerRepository } from './customer/customer.repository.js';
import { CustomerService } from './customer/customer.service.js';
import { RelatedPartyEntity } from './customer/related-party.entity.js';
import { RelatedPartyRepository } from './customer/related-party.repository.js';
import { CustomerDirectory } from './directory/customer-directory.port.js';
import { CustomerDirectoryRepository } from './directory/customer-directory.repository.js';
import { CustomerDirectoryService } from './directory/customer-directory.service.js';
import { CustomerDocumentEntity } from './document/customer-document.entity.js';
import { CustomerDocumentRepository } from './document/customer-document.repository.js';
import { CustomerDocumentService } from './document/customer-document.service.js';
import { DocumentVerificationProvider } from './document/document-verification.provider.js';
import { ManualReviewVerificationProvider } from './document/manual-review-verification.provider.js';
import { KycLifecycleService } from './lifecycle/kyc-lifecycle.service.js';
import { CustomerReviewEntity } from './review/customer-review.entity.js';
import { CustomerReviewFeed } from './review/customer-review.feed.js';
import { CustomerReviewRepository } from './review/customer-review.repository.js';
import { CustomerReviewService } from './review/customer-review.service.js';
import { CustomerRatingService } from './risk/customer-rating.service.js';
import { RiskMatrixEntity } from './risk/risk-matrix.entity.js';
import { RiskMatrixRepository } from './risk/risk-matrix.repository.js';
import { RiskMatrixService } from './risk/risk-matrix.service.js';

/** The customers domain: services and repositories (shared by apps/api and apps/worker). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CustomerEntity,
      CustomerAccountEntity,
      RelatedPartyEntity,
      CustomerDocumentEntity,
      RiskMatrixEntity,
      CustomerReviewEntity,
    ]),
    AuditModule,
    IdentityModule,
    ScreeningModule,
  ],
  providers: [
    CustomerRepository,
    CustomerAccountRepository,
    RelatedPartyRepository,
    CustomerDocumentRepository,
    RiskMatrixRepository,
    CustomerReviewRepository,
    RiskMatrixService,
    CustomerAssessmentService,
    KycLifecycleService,
    CustomerService,
    CustomerDocumentService,
    CustomerReviewService,
    CustomerReviewFeed,
    CustomerRatingService,
    CustomerDirectoryRepository,
    CustomerDirectoryService,
    ManualReviewVerificationProvider,
    { provide: DocumentVerificationProvider, useExisting: ManualReviewVerificationProvider },
    { provide: CustomerDirectory, useExisting: CustomerDirectoryService },
  ],
  exports: [
    CustomerDirectory,
    CustomerService,
    KycLifecycleService,
    CustomerDocumentService,
    CustomerReviewService,
    CustomerReviewFeed,
    CustomerRatingService,
    RiskMatrixService,
    DocumentVerificationProvider,
  ],
})
export class CustomersModule {}
