import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { AuditKeysDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { verifyCheckpointNote } from './audit-proof.verifier';
import type { CheckpointVerification } from './audit-proof.verifier';

export interface LatestCheckpointState {
  loading: boolean;
  /** The signed note exactly as served. */
  note?: string;
  keys?: AuditKeysDto;
  /** The browser's own check of the note against the published keys. */
  verification?: CheckpointVerification;
  /** When the browser fetched the note. */
  fetchedAt?: Date;
  /** When the server published this checkpoint, from the checkpoint history (not part of the signed note). */
  publishedAt?: string;
  problem?: ApiProblem;
}

async function loadAndVerify(signal: AbortSignal): Promise<LatestCheckpointState> {
  const [noteResult, keysResult, historyResult] = await Promise.all([
    callApi(() => api.GET('/v1/audit/checkpoint', { parseAs: 'text', signal })),
    callApi(() => api.GET('/v1/audit/keys', { signal })),
    callApi(() => api.GET('/v1/audit/checkpoints', { params: { query: { limit: 1 } }, signal })),
  ]);
  if (!keysResult.ok) return { loading: false, problem: keysResult.problem };
  if (!noteResult.ok) return { loading: false, keys: keysResult.data, problem: noteResult.problem };
  const keys = keysResult.data;
  // Every key that ever signed may be trusted for the latest note: during a rotation it may carry the retiring key.
  const verification = await verifyCheckpointNote(noteResult.data, keys.keys, keys.origin ?? undefined);
  const newest = historyResult.ok ? historyResult.data.checkpoints[0] : undefined;
  // Only when the history row is the very checkpoint shown; the time is the server's word, not signed.
  const publishedAt =
    verification.checkpoint !== undefined && newest?.size === verification.checkpoint.size
      ? newest.createdAt
      : undefined;
  return { loading: false, note: noteResult.data, keys, verification, fetchedAt: new Date(), publishedAt };
}

/** The tenant's latest checkpoint, its verifier keys, and the browser's verification of its signatures. */
export function useLatestCheckpoint(): LatestCheckpointState & { reload: () => void } {
  const [state, setState] = useState<LatestCheckpointState>({ loading: true });
  const [reloadCount, setReloadCount] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    void loadAndVerify(controller.signal).then((next) => {
      if (!controller.signal.aborted) setState(next);
    });
    return () => {
      controller.abort();
    };
  }, [reloadCount]);

  const reload = useCallback(() => {
    setState((previous) => ({ ...previous, loading: true }));
    setReloadCount((count) => count + 1);
  }, []);

  return { ...state, reload };
}
