import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TenantContext } from '@platform/database';
import {
  AuditExportError,
  EvidencePackError,
  type AuditActor,
  type AuditExportResult,
  type AuditExportSelection,
} from '@domains/audit';
import { openAuditCliContext, type OpenAuditCliContext } from './audit-cli.context.js';
import { CliUsageError, type CliCommand } from './cli.command.js';
import type { CommandOutput } from './verify-pack.command.js';
import { cliActor } from './cli.actor.js';

const usage = `usage: verity audit export --tenant <slug> (--subject <type>:<id> | --from <index> --to <index>) --out <dir> [--json]

Writes an evidence pack of a tenant's audit log into a new or empty folder: the selected entries (payloads decrypted;
entries of erased subjects marked erased), a c2sp.org/tlog-proof per entry against the latest signed checkpoint (with
its witness cosignatures), the verifier keys, the checkpoint's anchor receipts, and verify.html, which checks it all
offline in a browser ("verity verify-pack <dir>" does the same here). The export is recorded in the tenant's log
(audit.export.created). Uses DATABASE_URL (or .env); without it, the embedded PostgreSQL of "npm start".

  --tenant <slug>          the tenant whose log to export
  --subject <type>:<id>    every entry about one data subject, e.g. customer:3f2a…
  --from <i> --to <j>      every entry with i <= index < j (j exclusive, as in GET /v1/audit/entries)
  --out <dir>              the folder to write (created; must be empty)
  --json                   print the result as JSON`;

const SUBJECT_TYPE = /^[a-z][a-z0-9_]*$/;

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        tenant: { type: 'string' },
        subject: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function index(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new CliUsageError(`--${name} ${text} is not a leaf index`);
  }
  return value;
}

function selectionOf(values: ReturnType<typeof parse>['values']): AuditExportSelection {
  const bySubject = values.subject !== undefined;
  const byRange = values.from !== undefined || values.to !== undefined;
  if (bySubject === byRange) throw new CliUsageError('give either --subject or --from and --to');
  if (values.subject !== undefined) {
    const separator = values.subject.indexOf(':');
    const type = values.subject.slice(0, separator);
    const id = values.subject.slice(separator + 1);
    if (separator < 0 || !SUBJECT_TYPE.test(type) || id.length === 0) {
      throw new CliUsageError(`--subject ${values.subject} is not <type>:<id> (type in lower snake_case)`);
    }
    return { kind: 'subject', subject: { type, id } };
  }
  if (values.from === undefined || values.to === undefined) throw new CliUsageError('--from and --to go together');
  return { kind: 'index-range', start: index('from', values.from), end: index('to', values.to) };
}

/** `verity audit export`: an evidence pack from the database. */
export class AuditExportCommand implements CliCommand {
  readonly path = ['audit', 'export'];
  readonly summary = 'write an evidence pack of audit entries with proofs, checkpoint, keys and anchors';
  readonly usage = usage;

  constructor(
    private readonly output: CommandOutput = console,
    private readonly open: OpenAuditCliContext = () => openAuditCliContext(),
    private readonly actor: () => AuditActor = cliActor,
  ) {}

  async run(args: readonly string[]): Promise<number> {
    const { values } = parse(args);
    if (values.tenant === undefined) throw new CliUsageError('--tenant is required');
    if (values.out === undefined) throw new CliUsageError('--out is required');
    const selection = selectionOf(values);
    const directory = resolve(values.out);

    const context = await this.open();
    let result: AuditExportResult;
    try {
      const tenantId = await context.tenantIdOf(values.tenant);
      if (tenantId === null) {
        this.output.error(`verity audit export: no tenant "${values.tenant}"`);
        return 1;
      }
      // Row-level security: the export reads and records as the tenant it exports.
      result = await TenantContext.run(tenantId, () =>
        context.exporter.export({ tenantId, selection, directory, actor: this.actor() }),
      );
    } catch (error) {
      const known =
        error instanceof AuditExportError ||
        error instanceof EvidencePackError ||
        (error instanceof Error &&
          'code' in error &&
          typeof error.code === 'string' &&
          error.code.startsWith('audit/'));
      if (!known) throw error;
      this.output.error(`verity audit export: ${(error as { code: string }).code}: ${error.message}`);
      return 1;
    } finally {
      await context.close();
    }

    if (values.json) this.output.log(JSON.stringify(result, null, 2));
    else {
      this.output.log(
        [
          `Exported: evidence pack ${result.directory}`,
          `  log         ${result.origin}`,
          `  checkpoint  tree size ${result.checkpointSize}, root hash ${result.manifest.checkpoint.rootHash}`,
          `  entries     ${result.entries} (${result.erased} erased)` +
            (result.notYetCheckpointed > 0
              ? `; ${result.notYetCheckpointed} more not yet covered by a checkpoint, export again later`
              : ''),
          `  witnesses   ${result.manifest.witnessQuorum} required`,
          `  anchors     ${result.anchors}`,
          `  files       ${result.files} listed in manifest.json`,
          `  recorded    audit.export.created (entry ${result.recordedEntryId})`,
          `Verify it with: verity verify-pack ${result.directory}   (or open verify.html in a browser)`,
        ].join('\n'),
      );
    }
    return 0;
  }
}

export const auditExportCommand = new AuditExportCommand();
