import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiProblem } from '../../api/api.problem';
import { useAuth } from '../../app/auth.context';
import { sessionClock } from '../../app/session.clock';
import { ProblemAlert } from '../../shared/problem-alert';

/** How long before the session ends the warning appears. */
export const SESSION_WARNING_MS = 2 * 60_000;
const TICK_MS = 1_000;

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Warns before the session ends for lack of activity, offers to keep it (which asks the server for the session, and
 * so keeps it alive), and signs out when the time has passed. When the session's absolute limit comes first, staying
 * is not possible: the warning says so and offers to sign out.
 */
export function SessionTimeoutWarning() {
  const { signOut, refreshSession } = useAuth();
  const deadlines = useSyncExternalStore(sessionClock.subscribe, sessionClock.snapshot);
  const [now, setNow] = useState(() => Date.now());
  const [extending, setExtending] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, []);

  const endsAt = deadlines === undefined ? undefined : Math.min(deadlines.idle, deadlines.absolute);
  const remaining = endsAt === undefined ? undefined : endsAt - now;
  const atLimit = deadlines !== undefined && deadlines.absolute <= deadlines.idle;
  const expired = remaining !== undefined && remaining <= 0;

  useEffect(() => {
    if (expired) void signOut(atLimit ? 'session-limit' : 'idle');
  }, [expired, atLimit, signOut]);

  async function staySignedIn() {
    setExtending(true);
    setProblem(await refreshSession());
    setExtending(false);
  }

  const open = remaining !== undefined && remaining > 0 && remaining <= SESSION_WARNING_MS;
  return (
    <Modal
      open={open}
      title={
        <>
          <ClockCircleOutlined /> Your session is about to end
        </>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="sign-out" onClick={() => void signOut()}>
          Sign out now
        </Button>,
        atLimit ? null : (
          <Button key="stay" type="primary" loading={extending} onClick={() => void staySignedIn()}>
            Stay signed in
          </Button>
        ),
      ]}
    >
      <Typography.Paragraph role="timer" aria-live="polite">
        {atLimit
          ? `Your session reaches its time limit in ${formatRemaining(remaining ?? 0)}. Save your work and sign in again.`
          : `You will be signed out in ${formatRemaining(remaining ?? 0)} because of inactivity.`}
      </Typography.Paragraph>
      {problem !== undefined && <ProblemAlert problem={problem} />}
    </Modal>
  );
}
