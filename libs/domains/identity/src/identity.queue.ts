import { defineQueue } from '@platform/queue';

/** Jobs of the identity domain: the producer/consumer contract. */
export interface IdentityJobs {
  /** Deletes sessions that ended (expired or revoked) more than a day ago. Idempotent. */
  'identity.sessions.prune': { readonly olderThanHours: number };
}

export const identityQueue = defineQueue<IdentityJobs>()('identity');
