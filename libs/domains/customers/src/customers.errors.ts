import { DomainError } from '@platform/errors';

export type CustomersErrorCode =
  /** No such object in the caller's tenant (another tenant's id answers the same). */
  | 'customers/not_found'
  /** A field failed a domain check the DTO cannot express (country code, LEI checksum, dates); nothing is stored. */
  | 'customers/invalid'
  /** Another customer or account of the tenant already has this external reference. */
  | 'customers/external_ref_taken'
  /** The KYC lifecycle does not allow this move from the customer's current status (see lifecycle/kyc.lifecycle.ts). */
  | 'customers/invalid_transition'
  /** Approving needs the enhanced-due-diligence checklist (PEP, high-risk country or high rating). */
  | 'customers/edd_incomplete'
  /** Screening has open or confirmed hits: adjudicate them (or reject the customer) before approving. */
  | 'customers/screening_unresolved'
  /** The risk matrix definition is malformed (details list each problem). */
  | 'customers/risk_matrix_invalid'
  /** There is no draft risk matrix to submit. */
  | 'customers/risk_matrix_no_draft'
  /** The document's verification has already been decided. */
  | 'customers/document_already_decided'
  /** The review task is not open any more. */
  | 'customers/review_not_open'
  /** Only a person (not an API key) can do this. */
  | 'customers/people_only';

export class CustomersError extends DomainError<CustomersErrorCode> {}

export function customerNotFound(what = 'customer'): CustomersError {
  return new CustomersError('customers/not_found', 'not_found', `No such ${what} in your tenant`);
}

export function customersInvalid(message: string, details?: Record<string, unknown>): CustomersError {
  return new CustomersError('customers/invalid', 'invalid', message, details);
}
