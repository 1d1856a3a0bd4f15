export { CustomersError, type CustomersErrorCode } from './customers.errors.js';
export { CustomersModule } from './customers.module.js';
export { CustomersHttpModule } from './customers.http.module.js';
export { CustomersJobsModule } from './customers.jobs.module.js';
export { customersQueue, type CustomersJobs } from './customers.queue.js';
export { CustomerDirectory, type TransactionParty } from './directory/customer-directory.port.js';
export { isValidLei } from './customer/lei.checksum.js';
export { countryName, isCountryCode } from './country/country.codes.js';
export { KYC_STATUSES, canTransition, type KycStatus } from './lifecycle/kyc.lifecycle.js';
export { KycLifecycleService, type EddChecklistInput } from './lifecycle/kyc-lifecycle.service.js';
export { CustomerService, type CustomerDetail } from './customer/customer.service.js';
export type { CreateCustomerDto } from './customer/customer.dto.js';
export { CustomerDocumentService } from './document/customer-document.service.js';
export {
  DocumentVerificationProvider,
  type DocumentVerificationResult,
} from './document/document-verification.provider.js';
export { ManualReviewVerificationProvider } from './document/manual-review-verification.provider.js';
export { CustomerReviewService } from './review/customer-review.service.js';
export {
  CustomerReviewFeed,
  type CustomerProfileSummary,
  type CustomerReviewFeedItem,
} from './review/customer-review.feed.js';
export { CustomerRatingService } from './risk/customer-rating.service.js';
export {
  RISK_MATRIX_ACTIVATION,
  RiskMatrixService,
  type ActiveRiskMatrix,
  type RiskMatrixActivationContent,
} from './risk/risk-matrix.service.js';
export { DEFAULT_RISK_MATRIX, type RiskMatrixDefinition } from './risk/risk-matrix.definition.js';
export { assessRisk, type RiskAssessment, type RiskInputs, type RiskRating } from './risk/risk.scorer.js';
export { seedCustomersDemo } from './demo/customers-demo.seeder.js';
