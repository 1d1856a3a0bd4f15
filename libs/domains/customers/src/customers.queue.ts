import { defineQueue } from '@platform/queue';

/** Jobs of the customers domain: the producer/consumer contract. */
export interface CustomersJobs {
  /**
   * Finds approved customers whose periodic review is due, opens a review task for each and moves them to review.
   * Repeatable (hourly); idempotent (one open review per customer).
   */
  'customers.reviews.open_due': Record<string, never>;
  /** Re-rates every customer of a tenant after a new risk matrix became active. Idempotent. */
  'customers.ratings.recompute': { readonly tenantId: string; readonly matrixVersion: number };
}

export const customersQueue = defineQueue<CustomersJobs>()('customers');
