import { describe, expect, it } from 'vitest';
import type { QueueRouting } from './case-queue.entity.js';
import { customerSegments, pickAssignee, routeAlert, routingMatches } from './queue.router.js';

const q = (name: string, position: number, routing: QueueRouting) => ({ name, position, routing });

describe('queue routing', () => {
  const queues = [
    q('catch-all', 1000, {}),
    q('critical business', 5, { minPriority: 'critical', segments: ['business'] }),
    q('transactions', 10, { types: ['transaction'] }),
    q('hits high+', 20, { types: ['screening_hit'], minPriority: 'high' }),
  ];

  it('takes the first matching queue by position', () => {
    expect(routeAlert(queues, { type: 'transaction', priority: 'critical', segments: ['business'] })?.name).toBe(
      'critical business',
    );
    expect(routeAlert(queues, { type: 'transaction', priority: 'critical', segments: ['individual'] })?.name).toBe(
      'transactions',
    );
  });

  it('honours the minimum priority and falls through to the catch-all', () => {
    expect(routeAlert(queues, { type: 'screening_hit', priority: 'high', segments: [] })?.name).toBe('hits high+');
    expect(routeAlert(queues, { type: 'screening_hit', priority: 'medium', segments: [] })?.name).toBe('catch-all');
  });

  it('answers null when no queue matches', () => {
    expect(
      routeAlert([q('tx', 1, { types: ['transaction'] })], { type: 'kyc_review', priority: 'low', segments: [] }),
    ).toBeNull();
  });

  it('matches segments only where the customer is known', () => {
    expect(routingMatches({ segments: ['high_risk'] }, { type: 'transaction', priority: 'low', segments: [] })).toBe(
      false,
    );
    expect(customerSegments({ type: 'business', riskRating: 'high' })).toEqual(['business', 'high_risk']);
    expect(customerSegments({ type: 'individual', riskRating: 'low' })).toEqual(['individual']);
    expect(customerSegments(null)).toEqual([]);
  });
});

describe('auto-assignment', () => {
  const members = ['a', 'b', 'c'];

  it('assigns nobody for manual queues or queues without members', () => {
    expect(pickAssignee({ assignment: 'manual', memberIds: members, rrCursor: 0 }, new Map()).assigneeId).toBeNull();
    expect(pickAssignee({ assignment: 'round_robin', memberIds: [], rrCursor: 0 }, new Map()).assigneeId).toBeNull();
  });

  it('goes round the members in turn', () => {
    let cursor = 0;
    const picked: (string | null)[] = [];
    for (let i = 0; i < 4; i += 1) {
      const pick = pickAssignee({ assignment: 'round_robin', memberIds: members, rrCursor: cursor }, new Map());
      picked.push(pick.assigneeId);
      cursor = pick.rrCursor;
    }
    expect(picked).toEqual(['a', 'b', 'c', 'a']);
  });

  it('picks the member with the fewest claimed alerts', () => {
    const loads = new Map([
      ['a', 3],
      ['b', 1],
    ]);
    expect(pickAssignee({ assignment: 'least_loaded', memberIds: members, rrCursor: 0 }, loads).assigneeId).toBe('c');
    loads.set('c', 2);
    expect(pickAssignee({ assignment: 'least_loaded', memberIds: members, rrCursor: 0 }, loads).assigneeId).toBe('b');
  });
});
