import { defineQueue } from '@platform/queue';

/** Jobs of the customers domain: the producer/consumer contract. */
export interface CustomersJobs {
  /** Placeholder until the domain's first job lands. */
  'customers.noop': Record<string, never>;
}

export const customersQueue = defineQueue<CustomersJobs>()('customers');
