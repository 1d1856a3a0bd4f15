import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, hasPoppler, testConfig } from '@platform/testing';
import { startTestApi, type TestApi } from '@apps/api/testing';
import { XsdSchema } from '@platform/xml';
import {
  ctrDocumentFixture,
  institutionFixture,
  ReportInstitutionService,
  reportDocumentFixture,
  ReportService,
  type ReportDocument,
} from '@domains/reporting';
import { CliUsageError } from './cli.command.js';
import { openReportCliContext, type ReportCliContext } from './report-cli.context.js';
import { ReportExamplesCommand, ReportRenderCommand } from './report.command.js';
import type { CommandOutput } from './verify-pack.command.js';

const run = promisify(execFile);
const popplerInstalled = hasPoppler();
const scratch = await mkdtemp(join(tmpdir(), 'verity-report-cli-'));
const system = { type: 'system', id: 'report-cli-test' } as const;
const xsd = (file: string) => XsdSchema.load(join(projectRoot(), 'reports', 'schemas', file));

function recorder(): CommandOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (line) => out.push(line), error: (line) => err.push(line) };
}

function content(doc: ReportDocument) {
  return {
    jurisdiction: doc.jurisdiction,
    localCurrency: doc.localCurrency,
    activity: doc.activity,
    parties: doc.parties,
    accounts: doc.accounts,
    transactions: doc.transactions,
    reason: doc.reason,
    action: doc.action,
  };
}

describe('verity report render / examples (real PostgreSQL)', () => {
  let context: ReportCliContext;
  let slug: string;
  let sarId: string;
  let ctrId: string;
  const open = () => Promise.resolve({ ...context, close: () => Promise.resolve() });

  beforeAll(async () => {
    context = await openReportCliContext(testConfig({ ...AS_TABLE_OWNER }));
    const transactions = context.app.get(TransactionRunner);
    slug = `rpt-cli-${randomBytes(5).toString('hex')}`;
    const [row] = await transactions.reader.query<{ id: string }[]>(
      'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
      [slug],
    );
    const tenantId = row.id;
    await context.app
      .get(ReportInstitutionService)
      .putAs(tenantId, system, { ...institutionFixture, localCurrency: 'USD', jurisdiction: 'US' });
    const reports = context.app.get(ReportService);
    const insert = (doc: ReportDocument) =>
      transactions.run(
        (tx) =>
          reports.insertDraft(
            tx,
            system,
            {
              tenantId,
              kind: doc.kind,
              formats: doc.kind === 'CTR' ? ['fincen-ctr', 'pdf'] : ['goaml', 'pdf'],
              caseId: null,
              amendsReportId: null,
              amendmentKind: null,
              ctrKey: doc.kind === 'CTR' ? `ctr-${randomBytes(4).toString('hex')}` : null,
              document: content(doc),
              narrative: doc.narrative,
              dueAt: null,
              determinedAt: null,
            },
            'reporting.report.drafted',
            { source: 'report-cli-test' },
          ),
        { tenantId },
      );
    sarId = (await insert(reportDocumentFixture({ kind: 'SAR' }))).id;
    ctrId = (await insert(ctrDocumentFixture())).id;
  });

  afterAll(async () => {
    await context?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('renders a stored report as goAML XML that validates against the schema', async () => {
    const out = join(scratch, 'sar.xml');
    const output = recorder();

    const code = await new ReportRenderCommand(output, open).run([
      '--report',
      sarId,
      '--format',
      'goaml',
      '--out',
      out,
      '--tenant',
      slug,
    ]);

    expect(output.err).toEqual([]);
    expect(code).toBe(0);
    expect(output.out.join('\n')).toMatch(/wrote .*sar\.xml \(goaml, \d+ bytes, sha256 [0-9a-f]{64}\)/);
    const xml = await readFile(out, 'utf8');
    expect(xsd('goaml/goAMLSchema.xsd').validate(xml).issues).toEqual([]);
    expect(xml).toContain('<report_code>SAR</report_code>');

    // Writing a stored report to a file is an export: the ledger names the report, the format and the file's hash.
    const sha256 = createHash('sha256')
      .update(await readFile(out))
      .digest('hex');
    const entries = await context.app.get(TransactionRunner).reader.query<{ action: string; actor_id: string }[]>(
      `SELECT e.action, e.actor_id FROM audit_entries e
          WHERE e.subject_type = 'report' AND e.subject_id = $1 AND e.action = 'reporting.report.rendered'`,
      [sarId],
    );
    expect(entries).toEqual([{ action: 'reporting.report.rendered', actor_id: 'cli:verity-report' }]);
    expect(output.out.join('\n')).toContain(sha256);
  });

  it.skipIf(!popplerInstalled)('renders a stored CTR as the PDF, with the subjects and the Cyrillic name', async () => {
    const out = join(scratch, 'ctr.pdf');
    const output = recorder();

    expect(
      await new ReportRenderCommand(output, open).run([
        '--report',
        ctrId,
        '--format',
        'pdf',
        '--out',
        out,
        '--tenant',
        slug,
      ]),
    ).toBe(0);

    const text = (await run('pdftotext', [out, '-'])).stdout;
    expect(text).toContain('Currency Transaction Report');
    expect(text).toContain('Иван Петров');
  });

  it('lists what a format needs and writes nothing when the report lacks it', async () => {
    const out = join(scratch, 'wrong.xml');
    const output = recorder();

    // A CTR is not a goAML report code.
    expect(
      await new ReportRenderCommand(output, open).run([
        '--report',
        ctrId,
        '--format',
        'goaml',
        '--out',
        out,
        '--tenant',
        slug,
      ]),
    ).toBe(1);

    expect(output.err.join('\n')).toContain('kind: goAML reports are STR or SAR, not CTR');
    await expect(access(out)).rejects.toThrow();
  });

  it('exits 1 naming the problem for an unknown report or tenant, and 2-style usage errors for bad arguments', async () => {
    const missing = recorder();
    expect(
      await new ReportRenderCommand(missing, open).run([
        '--report',
        '00000000-0000-4000-8000-000000000000',
        '--format',
        'pdf',
        '--out',
        join(scratch, 'x.pdf'),
        '--tenant',
        slug,
      ]),
    ).toBe(1);
    expect(missing.err.join('\n')).toContain('reporting/report_not_found');

    const tenant = recorder();
    expect(
      await new ReportRenderCommand(tenant, open).run([
        '--report',
        sarId,
        '--format',
        'pdf',
        '--out',
        join(scratch, 'y.pdf'),
        '--tenant',
        'no-such-tenant',
      ]),
    ).toBe(1);
    expect(tenant.err.join('\n')).toContain('no tenant "no-such-tenant"');

    await expect(
      new ReportRenderCommand(recorder(), open).run(['--report', sarId, '--format', 'docx', '--out', 'z']),
    ).rejects.toBeInstanceOf(CliUsageError);
  });

  it('examples writes one report of each format, each XML valid against its schema', async () => {
    // The demo case is drafted through the builder; here a builder over the fixtures stands in for the demo tenant.
    const fixtureContext = (): Promise<ReportCliContext> =>
      Promise.resolve({
        ...context,
        builder: {
          reportNeeded: () => Promise.resolve([{ caseId: 'case-demo' }]),
          fromCase: (_tenant: string, _case: string, kind: 'STR' | 'SAR') =>
            Promise.resolve(reportDocumentFixture({ kind })),
          forReport: () => Promise.resolve(ctrDocumentFixture()),
        } as unknown as ReportCliContext['builder'],
        close: () => Promise.resolve(),
      });
    const dir = join(scratch, 'examples');
    const output = recorder();

    expect(await new ReportExamplesCommand(output, fixtureContext).run(['--out', dir, '--tenant', slug])).toBe(0);

    expect(output.err).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([
      'case-report.pdf',
      'fincen-ctr.xml',
      'fincen-sar.xml',
      'goaml-sar.xml',
      'goaml-str.xml',
    ]);
    expect(xsd('goaml/goAMLSchema.xsd').validate(await readFile(join(dir, 'goaml-str.xml'))).issues).toEqual([]);
    expect(xsd('goaml/goAMLSchema.xsd').validate(await readFile(join(dir, 'goaml-sar.xml'))).issues).toEqual([]);
    expect(xsd('fincen/EFL_SARXBatchSchema.xsd').validate(await readFile(join(dir, 'fincen-sar.xml'))).issues).toEqual(
      [],
    );
    expect(xsd('fincen/EFL_CTRXBatchSchema.xsd').validate(await readFile(join(dir, 'fincen-ctr.xml'))).issues).toEqual(
      [],
    );
    expect((await readFile(join(dir, 'case-report.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('examples on a tenant with no reportable case names what is missing and exits 1', async () => {
    const output = recorder();

    expect(await new ReportExamplesCommand(output, open).run(['--out', join(scratch, 'none'), '--tenant', slug])).toBe(
      1,
    );

    expect(output.err.join('\n')).toContain('no case of the tenant needs a report');
  });
});

describe('verity report examples on the demo tenant as npm start seeds it (real PostgreSQL)', () => {
  let api: TestApi;
  let context: ReportCliContext;
  const open = () => Promise.resolve({ ...context, close: () => Promise.resolve() });

  beforeAll(async () => {
    // The api seeds the demo tenant exactly as `npm start` does (seedDemo's provisionDemo), unless a test of this run
    // seeded it already.
    api = await startTestApi();
    context = await openReportCliContext(testConfig({ ...AS_TABLE_OWNER }));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await api?.close();
  });

  it('writes all five files, each XML valid against its schema and the PDF naming the subjects', async () => {
    const dir = join(scratch, 'demo-examples');
    const output = recorder();

    const code = await new ReportExamplesCommand(output, open).run(['--out', dir]);

    expect(output.err).toEqual([]);
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      'case-report.pdf',
      'fincen-ctr.xml',
      'fincen-sar.xml',
      'goaml-sar.xml',
      'goaml-str.xml',
    ]);
    const goamlStr = await readFile(join(dir, 'goaml-str.xml'), 'utf8');
    const goamlSar = await readFile(join(dir, 'goaml-sar.xml'), 'utf8');
    const fincenSar = await readFile(join(dir, 'fincen-sar.xml'), 'utf8');
    const fincenCtr = await readFile(join(dir, 'fincen-ctr.xml'), 'utf8');
    expect(xsd('goaml/goAMLSchema.xsd').validate(goamlStr).issues).toEqual([]);
    expect(xsd('goaml/goAMLSchema.xsd').validate(goamlSar).issues).toEqual([]);
    expect(xsd('fincen/EFL_SARXBatchSchema.xsd').validate(fincenSar).issues).toEqual([]);
    expect(xsd('fincen/EFL_CTRXBatchSchema.xsd').validate(fincenCtr).issues).toEqual([]);
    expect(goamlStr).toContain('<report_code>STR</report_code>');
    expect(goamlSar).toContain('<report_code>SAR</report_code>');
    // The reported case is about the customers demo's named customers, with their KYC data.
    for (const xml of [goamlStr, goamlSar]) {
      expect(xml).toContain('<account_name>Maria Schmidt</account_name>');
      expect(xml).toContain('<name>Northwind Trading GmbH</name>');
      expect(xml).toContain('<incorporation_number>HRB 123456</incorporation_number>');
    }
    expect(fincenSar).toContain('<fc2:RawEntityIndividualLastName>Schmidt</fc2:RawEntityIndividualLastName>');
    expect(fincenSar).toContain('<fc2:IndividualBirthDateText>19860412</fc2:IndividualBirthDateText>');
    expect(fincenSar).toContain('Northwind Trading GmbH');
    // Of the demo's CTR drafts, the example is one about a named person: Maria Schmidt's day of cash over $10,000.
    expect(fincenCtr).toContain('<fc2:RawEntityIndividualLastName>Schmidt</fc2:RawEntityIndividualLastName>');
    // The goAML account of a person carries the person as its signatory.
    expect(goamlSar).toMatch(/<signatory>\s*<is_primary>1<\/is_primary>\s*<t_person>/);

    const pdf = await readFile(join(dir, 'case-report.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (popplerInstalled) {
      const text = (await run('pdftotext', [join(dir, 'case-report.pdf'), '-'])).stdout;
      expect(text).toContain('Maria Schmidt');
      expect(text).toContain('Northwind Trading GmbH');
    }
  });

  it("drafts a CTR for the named customer's day of cash over $10,000 that renders valid FinCEN CTR XML", async () => {
    const tenantId = await context.tenantIdOf('demo');
    if (!tenantId) throw new Error('no demo tenant');
    const rows = await context.app.get(TransactionRunner).run(
      (tx) =>
        tx.query<{ id: string }[]>(
          `SELECT r.id FROM reports r JOIN customers c ON c.tenant_id = r.tenant_id AND c.id::text = split_part(r.ctr_key, '|', 1)
            WHERE r.tenant_id = $1 AND r.kind = 'CTR' AND c.external_ref = 'demo-cust-0001'`,
          [tenantId],
        ),
      { tenantId },
    );
    expect(rows).toHaveLength(1);
    const out = join(scratch, 'demo-ctr.xml');
    const output = recorder();

    expect(
      await new ReportRenderCommand(output, open).run(['--report', rows[0].id, '--format', 'fincen-ctr', '--out', out]),
    ).toBe(0);

    const xml = await readFile(out, 'utf8');
    expect(xsd('fincen/EFL_CTRXBatchSchema.xsd').validate(xml).issues).toEqual([]);
    expect(xml).toContain('<fc2:RawEntityIndividualLastName>Schmidt</fc2:RawEntityIndividualLastName>');
    expect(xml).toContain('<fc2:IndividualEntityCashInAmountText>11500</fc2:IndividualEntityCashInAmountText>');
  });
});
