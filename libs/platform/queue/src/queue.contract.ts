/**
 * The producer/consumer contract of one queue: its name and, as a type only, the payload of each job.
 * Domains declare theirs in `<domain>.queue.ts`; a producer naming a job the queue does not have, or passing the
 * wrong payload, does not compile.
 */
export interface QueueContract<Name extends string = string, Jobs extends object = object> {
  readonly name: Name;
  /** Type-level only: never read at run time. */
  readonly jobs?: Jobs;
}

export function defineQueue<Jobs extends object>(): <Name extends string>(name: Name) => QueueContract<Name, Jobs> {
  return (name) => ({ name });
}

export type JobsOf<Q> = Q extends QueueContract<string, infer J> ? J : never;
export type JobNameOf<Q> = Extract<keyof JobsOf<Q>, string>;
export type JobPayloadOf<Q, N extends JobNameOf<Q>> = JobsOf<Q>[N];
