import { parseArgs } from 'node:util';
import { AUDIT_FSCK_FAILURE_DESCRIPTIONS, type AuditFsckLogReport, type AuditFsckReport } from '@domains/audit';
import { openAuditCliContext, type OpenAuditCliContext } from './audit-cli.context.js';
import { CliUsageError, type CliCommand } from './cli.command.js';
import type { CommandOutput } from './verify-pack.command.js';

const usage = `usage: verity audit fsck [--tenant <slug>] [--json]

Recomputes the audit ledger from the database and names the first thing that does not hold: every leaf rebuilt
from its entry row (and every readable payload against its salted hash; erased subjects are reported as erased),
leaf indexes 0..n-1 with no gap and each entry once, every stored subtree node, and every checkpoint's signature
(against audit_verifier_keys), root and consistency with the checkpoint before it. Streams the leaves, so memory
stays bounded whatever the log's length. Exits 0 when everything holds, 1 with the failure's code (fsck/...).
Uses DATABASE_URL (or .env); without it, the embedded PostgreSQL of "npm start".

  --tenant <slug>   check only this tenant's log (default: every log)
  --json            print the whole report as JSON`;

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: { tenant: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function logLine(log: AuditFsckLogReport): string {
  const status = log.ok ? 'ok    ' : 'FAILED';
  const checkpoint = log.latestCheckpointSize === null ? 'no checkpoint' : `checkpoint ${log.latestCheckpointSize}`;
  const pending = log.pending > 0 ? `, ${log.pending} pending` : '';
  return (
    `  ${status} ${log.origin}: ${log.leaves} leaves (${log.payloads.present} payloads present, ` +
    `${log.payloads.erased} erased), ${log.nodes} nodes, ${log.checkpoints} checkpoints, ${checkpoint}${pending}`
  );
}

/** `verity audit fsck`: the database-side check of the ledger. */
export class AuditFsckCommand implements CliCommand {
  readonly path = ['audit', 'fsck'];
  readonly summary = 'recompute every audit leaf, node and checkpoint from the database and name the first fault';
  readonly usage = usage;

  constructor(
    private readonly output: CommandOutput = console,
    private readonly open: OpenAuditCliContext = () => openAuditCliContext(),
  ) {}

  async run(args: readonly string[]): Promise<number> {
    const { values } = parse(args);
    const context = await this.open();
    let report: AuditFsckReport;
    try {
      let tenantId: string | undefined;
      if (values.tenant !== undefined) {
        const found = await context.tenantIdOf(values.tenant);
        if (found === null) {
          this.output.error(`verity audit fsck: no tenant "${values.tenant}"`);
          return 1;
        }
        tenantId = found;
      }
      report = await context.fsck.check({ tenantId });
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'audit/log_not_found') {
        this.output.error(`verity audit fsck: ${error.message} (audit/log_not_found)`);
        return 1;
      }
      throw error;
    } finally {
      await context.close();
    }

    if (values.json) this.output.log(JSON.stringify(report, null, 2));
    else this.print(report);
    return report.ok ? 0 : 1;
  }

  private print(report: AuditFsckReport): void {
    const { summary, failure } = report;
    this.output.log(
      [
        `${report.ok ? 'OK' : 'FAILED'}: ${summary.logs} audit log${summary.logs === 1 ? '' : 's'} checked, ` +
          `${summary.leaves} leaves, ${summary.nodes} nodes, ${summary.checkpoints} checkpoints ` +
          `(${summary.payloads.present} payloads present, ${summary.payloads.erased} erased` +
          `${summary.pending > 0 ? `, ${summary.pending} entries waiting for the sequencer` : ''})`,
        ...report.logs.map(logLine),
      ].join('\n'),
    );
    if (failure !== undefined) {
      this.output.error(
        `${failure.code}: ${failure.origin}: ${failure.message}\n${AUDIT_FSCK_FAILURE_DESCRIPTIONS[failure.code]}`,
      );
    }
  }
}

export const auditFsckCommand = new AuditFsckCommand();
