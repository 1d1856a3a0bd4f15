import { Typography } from 'antd';
import { useEffect, useState } from 'react';

/** The browser's clock, re-read every `intervalMs`, so countdowns tick without asking the api. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      window.clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

/** `1d 02:03:04`, `02:03:04`; the sign is the caller's to show. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const clock = [hours, minutes, seconds].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${String(days)}d ${clock}` : clock;
}

interface SlaCountdownProps {
  dueAt: string;
  now: number;
  /** Shown instead of a countdown once the alert no longer runs against its SLA (closed or escalated). */
  stopped?: boolean;
}

/** Time left until the SLA is due, red with "overdue" once it has passed. */
export function SlaCountdown({ dueAt, now, stopped = false }: SlaCountdownProps) {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return <Typography.Text type="secondary">—</Typography.Text>;
  if (stopped) return <Typography.Text type="secondary">{new Date(due).toLocaleString()}</Typography.Text>;
  const left = due - now;
  return left >= 0 ? (
    <Typography.Text title={new Date(due).toLocaleString()} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatDuration(left)}
    </Typography.Text>
  ) : (
    <Typography.Text
      type="danger"
      strong
      title={`Due ${new Date(due).toLocaleString()}`}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      overdue {formatDuration(left)}
    </Typography.Text>
  );
}
