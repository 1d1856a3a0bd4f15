import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionClock } from '../src/app/session.clock.js';

const MINUTE = 60_000;
const serverNow = Date.parse('2026-12-01T12:00:00Z');

function session(idleMinutes: number, absoluteMinutes: number) {
  return {
    idleExpiresAt: new Date(serverNow + idleMinutes * MINUTE).toISOString(),
    expiresAt: new Date(serverNow + absoluteMinutes * MINUTE).toISOString(),
  };
}

describe('the session clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    sessionClock.set(undefined, undefined);
    vi.useRealTimers();
  });

  it("states the server's deadlines on the browser's clock, however far the two clocks disagree", () => {
    // The browser runs 7 minutes ahead of the server.
    vi.setSystemTime(serverNow + 7 * MINUTE);
    sessionClock.set(session(15, 720), serverNow);
    expect(sessionClock.snapshot()).toEqual({ idle: Date.now() + 15 * MINUTE, absolute: Date.now() + 720 * MINUTE });
  });

  it('moves the idle deadline on with activity, conservatively, and never past the absolute end', () => {
    vi.setSystemTime(serverNow);
    sessionClock.set(session(15, 20), serverNow);
    sessionClock.recordActivity(serverNow + 2 * MINUTE);
    // The server records activity at most every 30 seconds, so the estimate stays that much on the safe side.
    expect(sessionClock.snapshot()?.idle).toBe(serverNow + 17 * MINUTE - 30_000);
    sessionClock.recordActivity(serverNow + 10 * MINUTE);
    expect(sessionClock.snapshot()?.idle).toBe(serverNow + 20 * MINUTE);
  });

  it('tells subscribers, and forgets the deadlines when the session ends', () => {
    const listener = vi.fn();
    const unsubscribe = sessionClock.subscribe(listener);
    sessionClock.set(session(15, 720), serverNow);
    sessionClock.set(undefined, undefined);
    unsubscribe();
    sessionClock.set(session(15, 720), serverNow);
    expect(listener).toHaveBeenCalledTimes(2);
    sessionClock.set(undefined, undefined);
    expect(sessionClock.snapshot()).toBeUndefined();
  });
});
