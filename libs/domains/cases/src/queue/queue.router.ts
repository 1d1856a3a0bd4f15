import { priorityAtLeast, type AlertPriority, type AlertSegment, type AlertType } from '../alert/alert.types.js';
import type { QueueRouting } from './case-queue.entity.js';

export interface RoutableAlert {
  readonly type: AlertType;
  readonly priority: AlertPriority;
  /** The customer's segments where the customer is known (empty otherwise). */
  readonly segments: readonly AlertSegment[];
}

/** Whether a queue's routing takes the alert: every criterion given must match (none given: the catch-all). */
export function routingMatches(routing: QueueRouting, alert: RoutableAlert): boolean {
  if (routing.types && routing.types.length > 0 && !routing.types.includes(alert.type)) return false;
  if (routing.minPriority && !priorityAtLeast(alert.priority, routing.minPriority)) return false;
  if (routing.segments && routing.segments.length > 0 && !routing.segments.some((s) => alert.segments.includes(s))) {
    return false;
  }
  return true;
}

/** The first queue by position (then name) whose routing takes the alert, or null when none does. */
export function routeAlert<Q extends { position: number; name: string; routing: QueueRouting }>(
  queues: readonly Q[],
  alert: RoutableAlert,
): Q | null {
  const ordered = [...queues].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  return ordered.find((q) => routingMatches(q.routing, alert)) ?? null;
}

/** The segments of a customer: its type, plus `high_risk` when rated high. */
export function customerSegments(profile: { type: string; riskRating: string } | null): AlertSegment[] {
  if (!profile) return [];
  const segments: AlertSegment[] = [];
  if (profile.type === 'individual' || profile.type === 'business') segments.push(profile.type);
  if (profile.riskRating === 'high') segments.push('high_risk');
  return segments;
}

/**
 * Auto-assignment: who gets the alert, and the new round-robin cursor. `manual` assigns nobody; `round_robin` takes
 * the member at the cursor (mod the member count) and moves it on; `least_loaded` the member with the fewest claimed alerts (ties: member order).
 */
export function pickAssignee(
  queue: { assignment: string; memberIds: readonly string[]; rrCursor: number },
  claimedCounts: ReadonlyMap<string, number>,
): { assigneeId: string | null; rrCursor: number } {
  const members = queue.memberIds;
  if (members.length === 0 || queue.assignment === 'manual') return { assigneeId: null, rrCursor: queue.rrCursor };
  if (queue.assignment === 'round_robin') {
    // The cursor counts round-robin picks: the next member is the one at cursor mod member count.
    const index = queue.rrCursor % members.length;
    return { assigneeId: members[index], rrCursor: index + 1 };
  }
  let best = members[0];
  for (const m of members) if ((claimedCounts.get(m) ?? 0) < (claimedCounts.get(best) ?? 0)) best = m;
  return { assigneeId: best, rrCursor: queue.rrCursor };
}
