/**
 * When the signed-in session ends, on this browser's clock. The server states its deadlines on its own clock; the
 * difference between the two (from the Date header of the answer) is applied, so a browser whose clock is off still
 * warns before the server ends the session rather than after.
 */
export interface SessionDeadlines {
  /** When the session ends without further requests (browser clock, ms). */
  idle: number;
  /** When the session ends whatever the activity (browser clock, ms). */
  absolute: number;
}

/**
 * The server records activity at most every 30 seconds, so a request may leave its idle deadline up to that much
 * earlier than the request itself plus the idle timeout: the estimate after activity is kept on the safe side.
 */
const SERVER_TOUCH_SLACK_MS = 30_000;

interface SessionTimes {
  expiresAt: string;
  idleExpiresAt: string;
}

/** The browser clock minus the server clock; zero when the server did not say its time. */
function skewOf(serverDate: number | undefined): number {
  return serverDate === undefined ? 0 : Date.now() - serverDate;
}

let deadlines: SessionDeadlines | undefined;
/** The idle timeout, as the server's last statement of the session implied it. */
let idleWindowMs = 0;
let skewMs = 0;
const listeners = new Set<() => void>();

function publish(next: SessionDeadlines | undefined): void {
  deadlines = next;
  for (const listener of listeners) listener();
}

export const sessionClock = {
  /** A fresh statement of the session from the server (sign-in, session check, "stay signed in"). */
  set: (session: SessionTimes | undefined, serverDate: number | undefined): void => {
    if (session === undefined) {
      publish(undefined);
      return;
    }
    skewMs = skewOf(serverDate);
    const idleServer = Date.parse(session.idleExpiresAt);
    idleWindowMs = serverDate === undefined ? 0 : Math.max(0, idleServer - serverDate);
    publish({ idle: idleServer + skewMs, absolute: Date.parse(session.expiresAt) + skewMs });
  },

  /** Any answered request: the server saw the session active, so its idle deadline moved on. */
  recordActivity: (serverDate: number | undefined): void => {
    if (deadlines === undefined || idleWindowMs === 0) return;
    const seen = serverDate === undefined ? Date.now() : serverDate + skewMs;
    const idle = Math.min(deadlines.absolute, seen + idleWindowMs - SERVER_TOUCH_SLACK_MS);
    if (idle > deadlines.idle) publish({ ...deadlines, idle });
  },

  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },

  snapshot: (): SessionDeadlines | undefined => {
    return deadlines;
  },
};
