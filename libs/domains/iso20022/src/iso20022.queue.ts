import { defineQueue } from '@platform/queue';

/** Jobs of the iso20022 queue: the producer/consumer contract. */
export interface Iso20022Jobs {
  /** Every minute: a later status report for each payment that was pending review and that an analyst has since cleared or rejected. */
  'iso20022.status.followup': Record<string, never>;
}

export const iso20022Queue = defineQueue<Iso20022Jobs>()('iso20022');
