import { describe, expect, it } from 'vitest';
import { AppConfig, loadConfig } from '@platform/config';
import type { AuditBacklog, AuditTreeRepository, WaitingLog } from '../sequencer/audit-tree.repository.js';
import { AuditHealthService } from './audit-health.service.js';
import type {
  AuditPublicationFailureRepository,
  OngoingPublicationFailure,
} from './audit-publication-failure.repository.js';

function healthWith(
  backlogs: () => readonly WaitingLog[],
  failing: (limitSeconds: number) => OngoingPublicationFailure[] = () => [],
): AuditHealthService {
  const tree = {
    backlog: (): Promise<AuditBacklog> =>
      Promise.resolve({
        pending: 1,
        oldestPendingAgeSeconds: 0,
        oldestUncheckpointedAgeSeconds: 0,
        newestCheckpointAgeSeconds: null,
        appended: 0,
        waitingLogs: backlogs(),
      }),
  } as unknown as AuditTreeRepository;
  const failures = {
    failingLongerThan: (seconds: number): Promise<OngoingPublicationFailure[]> => Promise.resolve(failing(seconds)),
  } as unknown as AuditPublicationFailureRepository;
  return new AuditHealthService(tree, new AppConfig(loadConfig({ AUDIT_STALL_SECONDS: '30' })), failures);
}

describe('AuditHealthService readiness', () => {
  it('fails once a log with waiting entries has had no new checkpoint for AUDIT_STALL_SECONDS', async () => {
    const health = healthWith(() => [{ logId: '1', latestCheckpointId: '10' }]);
    expect(await health.readiness(0)).toEqual({ status: 'up' });
    expect(await health.readiness(30_000)).toEqual({ status: 'up' });
    const down = await health.readiness(31_000);
    expect(down.status).toBe('down');
    expect(down.detail).toContain('checkpoints stopped advancing');
  });

  it('stays up while checkpoints advance, and when nothing waits', async () => {
    let checkpointId = 10;
    let waiting = true;
    const health = healthWith(() => (waiting ? [{ logId: '1', latestCheckpointId: String(checkpointId) }] : []));
    for (let t = 0; t <= 120_000; t += 20_000) {
      checkpointId += 1;
      expect((await health.readiness(t)).status).toBe('up');
    }
    waiting = false;
    expect((await health.readiness(200_000)).status).toBe('up');
    // Waiting again starts a new observation instead of counting the quiet time as a stall.
    waiting = true;
    expect((await health.readiness(300_000)).status).toBe('up');
    expect((await health.readiness(329_000)).status).toBe('up');
  });

  it('names a stalled log even while another log still advances', async () => {
    let other = 0;
    const health = healthWith(() => [
      { logId: 'stuck', latestCheckpointId: null },
      { logId: 'busy', latestCheckpointId: String((other += 1)) },
    ]);
    await health.readiness(0);
    expect((await health.readiness(60_000)).detail).toContain('1 audit log(s)');
  });

  it("fails with the witnesses' answers when a log has missed its witness quorum for AUDIT_STALL_SECONDS", async () => {
    let asked: number | undefined;
    const health = healthWith(
      () => [{ logId: '7', latestCheckpointId: '3' }],
      (seconds) => {
        asked = seconds;
        return [
          {
            logId: '7',
            origin: 'verity.local/acme',
            stage: 'witness',
            kind: '',
            failingSeconds: 45,
            lastError: '1 of the 2 witness cosignatures required: http://w2: audit/witness_unavailable (refused)',
          },
          {
            logId: '7',
            origin: 'verity.local/acme',
            stage: 'anchor',
            kind: 'rfc3161',
            failingSeconds: 90,
            lastError: 'x',
          },
        ];
      },
    );
    const down = await health.readiness(0);
    expect(asked).toBe(30);
    expect(down.status).toBe('down');
    expect(down.detail).toContain('verity.local/acme has not reached its witness quorum for 45 s');
    expect(down.detail).toContain('audit/witness_unavailable');
    expect(down.detail).not.toContain('rfc3161');
  });
});
