import { userInfo } from 'node:os';
import type { AuditActor } from '@domains/audit';

/** Who acted, for the audit ledger, when a `verity` command changes something: the CLI and the operating-system account. */
export function cliActor(): AuditActor {
  let user = 'unknown';
  try {
    user = userInfo().username || user;
  } catch {
    // No passwd entry (some containers): the entry still says the CLI did it.
  }
  return { type: 'system', id: `verity-cli:${user}` };
}
