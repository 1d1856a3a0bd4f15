import { writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TenantContext } from '@platform/database';
import { REPORT_FORMATS, type ReportDocument, type ReportFormat } from '@domains/reporting';
import { CliUsageError, type CliCommand } from './cli.command.js';
import { openReportCliContext, type OpenReportCliContext, type ReportCliContext } from './report-cli.context.js';
import type { CommandOutput } from './verify-pack.command.js';

/** Who the ledger names for what `verity report` exports. */
const CLI_ACTOR = { type: 'system', id: 'cli:verity-report' } as const;

const renderUsage = `usage: verity report render --report <id> --format goaml|fincen-sar|fincen-ctr|pdf --out FILE [--tenant <slug>]

Renders a stored report (the officer's edits, the current institution, the audit evidence) into a regulator format:
goAML XML (the report's kind, STR or SAR, is its report_code), FinCEN SAR or CTR batch XML, or the PDF case report.
XML is validated against the vendored XSD before it is written. Fields the format needs and the report lacks are
listed by path, and nothing is written. Uses DATABASE_URL (or .env); without it, the embedded PostgreSQL of
"npm start".

  --report <id>      the report's id
  --format <format>  goaml, fincen-sar, fincen-ctr or pdf
  --out FILE         where to write the file (replaced if it exists)
  --tenant <slug>    the report's tenant (default: demo)`;

const examplesUsage = `usage: verity report examples --out DIR [--tenant <slug>]

Writes one report of each format from the tenant's data into DIR: goAML STR and SAR, FinCEN SAR and the PDF from the
first case whose closure decided a report is needed (drafted from the case now, nothing stored), and a FinCEN CTR
from the tenant's newest CTR report about a named person (opened by the daily cash scan). A format whose fields are
incomplete is skipped, naming what is missing, and the command exits 1.

  --out DIR          the folder to write into (created)
  --tenant <slug>    the tenant (default: demo)`;

function parse(args: readonly string[], options: Record<string, { type: 'string' }>) {
  try {
    return parseArgs({ args: [...args], options, strict: true }).values as Record<string, string | undefined>;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function isFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

function isKnownError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && /^[a-z_]+\//.test(error.code);
}

/**
 * Renders `doc` as `format` into `file`; prints the problems instead when the document is incomplete. With `stored`
 * (the report's tenant and id), the rendering is recorded in the audit ledger before the file is written: no export
 * of a stored report without its trail.
 */
async function renderTo(
  context: ReportCliContext,
  output: CommandOutput,
  doc: ReportDocument,
  format: ReportFormat,
  file: string,
  prefix: string,
  stored?: { tenantId: string; reportId: string },
): Promise<boolean> {
  const problems = context.renderer.validate(doc, format);
  if (problems.length > 0) {
    output.error(`${prefix}: ${doc.reference} cannot be rendered as ${format}:`);
    for (const problem of problems) output.error(`  ${problem.path}: ${problem.message}`);
    return false;
  }
  const rendered = await context.renderer.render(doc, format);
  if (stored) {
    // A stored report written to a file is an export: it goes into the audit ledger as a download does.
    await context.reports.recordRendered(stored.tenantId, CLI_ACTOR, stored.reportId, {
      format,
      sha256: rendered.sha256,
    });
  }
  await writeFile(file, rendered.bytes);
  output.log(`wrote ${file} (${format}, ${rendered.bytes.length} bytes, sha256 ${rendered.sha256})`);
  return true;
}

async function withTenant<T>(
  open: OpenReportCliContext,
  output: CommandOutput,
  prefix: string,
  slug: string,
  work: (context: ReportCliContext, tenantId: string) => Promise<T>,
): Promise<T | number> {
  const context = await open();
  try {
    const tenantId = await context.tenantIdOf(slug);
    if (tenantId === null) {
      output.error(`${prefix}: no tenant "${slug}"`);
      return 1;
    }
    // Row-level security: everything is read as the tenant.
    return await TenantContext.run(tenantId, () => work(context, tenantId));
  } catch (error) {
    if (!isKnownError(error)) throw error;
    output.error(`${prefix}: ${error.code}: ${error.message}`);
    return 1;
  } finally {
    await context.close();
  }
}

/** `verity report render`: a stored report as goAML, FinCEN SAR/CTR or PDF. */
export class ReportRenderCommand implements CliCommand {
  readonly path = ['report', 'render'];
  readonly summary = 'render a stored report as goAML XML, FinCEN SAR/CTR XML or PDF';
  readonly usage = renderUsage;

  constructor(
    private readonly output: CommandOutput = console,
    private readonly open: OpenReportCliContext = () => openReportCliContext(),
  ) {}

  async run(args: readonly string[]): Promise<number> {
    const values = parse(args, {
      report: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      tenant: { type: 'string' },
    });
    if (values.report === undefined) throw new CliUsageError('--report is required');
    if (values.format === undefined || !isFormat(values.format)) {
      throw new CliUsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
    }
    if (values.out === undefined) throw new CliUsageError('--out is required');
    const { report, format } = values;
    const file = resolve(values.out);
    const prefix = 'verity report render';
    const result = await withTenant(
      this.open,
      this.output,
      prefix,
      values.tenant ?? 'demo',
      async (context, tenantId) => {
        const doc = await context.builder.forReport(tenantId, report);
        const stored = { tenantId, reportId: report };
        return (await renderTo(context, this.output, doc, format, file, prefix, stored)) ? 0 : 1;
      },
    );
    return result;
  }
}

/** `verity report examples`: one report of each format from the demo data. */
export class ReportExamplesCommand implements CliCommand {
  readonly path = ['report', 'examples'];
  readonly summary = 'write one report of each format (goAML STR/SAR, FinCEN SAR/CTR, PDF) from the demo data';
  readonly usage = examplesUsage;

  constructor(
    private readonly output: CommandOutput = console,
    private readonly open: OpenReportCliContext = () => openReportCliContext(),
  ) {}

  async run(args: readonly string[]): Promise<number> {
    const values = parse(args, { out: { type: 'string' }, tenant: { type: 'string' } });
    if (values.out === undefined) throw new CliUsageError('--out is required');
    const dir = resolve(values.out);
    const prefix = 'verity report examples';
    return withTenant(this.open, this.output, prefix, values.tenant ?? 'demo', async (context, tenantId) => {
      await mkdir(dir, { recursive: true });
      let failed = 0;
      const [basis] = await context.builder.reportNeeded(tenantId, 1);
      if (!basis) {
        this.output.error(`${prefix}: no case of the tenant needs a report, so there is no STR/SAR to draft`);
        failed++;
      } else {
        // STR and SAR drafted from one case differ only in their kind: read the case once.
        const sar = await context.builder.fromCase(tenantId, basis.caseId, 'SAR');
        const str: ReportDocument = { ...sar, kind: 'STR' };
        const jobs: [ReportDocument, ReportFormat, string][] = [
          [str, 'goaml', 'goaml-str.xml'],
          [sar, 'goaml', 'goaml-sar.xml'],
          [sar, 'fincen-sar', 'fincen-sar.xml'],
          [sar, 'pdf', 'case-report.pdf'],
        ];
        for (const [doc, format, name] of jobs) {
          if (!(await renderTo(context, this.output, doc, format, join(dir, name), prefix))) failed++;
        }
      }
      const ctrId = await context.reports.exampleOf(tenantId, 'CTR');
      if (ctrId === null) {
        this.output.error(`${prefix}: the tenant has no CTR report yet (the daily cash scan opens them)`);
        failed++;
      } else {
        const ctr = await context.builder.forReport(tenantId, ctrId);
        const file = join(dir, 'fincen-ctr.xml');
        const stored = { tenantId, reportId: ctrId };
        if (!(await renderTo(context, this.output, ctr, 'fincen-ctr', file, prefix, stored))) failed++;
      }
      return failed === 0 ? 0 : 1;
    });
  }
}

export const reportRenderCommand = new ReportRenderCommand();
export const reportExamplesCommand = new ReportExamplesCommand();
