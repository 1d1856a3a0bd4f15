/** The backend connection options (a Redis client or PostgreSQL pool settings) shared by this process's queues. */
export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');
/** Every queue contract the composed app declares (for metrics and readiness). */
export const QUEUE_CONTRACTS = Symbol('QUEUE_CONTRACTS');
