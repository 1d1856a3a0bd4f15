import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { XsdSchema } from '@platform/xml';
import { TenantRepository } from '@domains/identity';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface ReportBody {
  id: string;
  reference: string;
  kind: string;
  status: string;
  formats: string[];
  caseId: string | null;
  filedReference: string | null;
  rejectionReason: string | null;
  amendsReportId: string | null;
  narrative: string;
  document: {
    caseReference?: string;
    parties: { ref: string; kind: string; isSubject: boolean; customerId?: string }[];
    transactions: { ref: string; amountMinor: string }[];
    activity: { from: string; to: string; totalAmountMinor: string; currency: string };
    reason: string;
  };
  artifacts: { format: string; sha256: string; fileName: string }[];
}

interface ProblemBody {
  code: string;
  errors?: { field: string; message: string }[];
}

const INSTITUTION = {
  name: 'Test Payments Inc',
  goamlEntityId: '4242',
  tin: '123456789',
  tinType: 'EIN',
  federalRegulator: '9',
  institutionType: '2',
  transmitterControlCode: 'TCC12345',
  address: { line1: '1 Test Plaza', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' },
  contact: { name: 'Olivia Officer', phone: '2125550100', email: 'officer@example.com', title: 'BSA Officer' },
  localCurrency: 'USD',
  jurisdiction: 'US',
};

describe('regulator reports: case → draft → validation → four-eyes → files → filing → acknowledgement', () => {
  let api: TestApi;
  let officer: TestSession;
  let officer2: TestSession;
  let analyst: TestSession;
  let apiKey: string;

  const sql = async <T>(tenantSlug: string, query: string, params: unknown[] = []): Promise<T[]> => {
    const tenant = await api.app.get(TenantRepository).findBySlug(tenantSlug);
    if (!tenant) throw new Error(`no tenant ${tenantSlug}`);
    return api.app.get(TransactionRunner).run<T[]>((tx) => tx.query(query, params), { tenantId: tenant.id });
  };
  const auditActions = async (subjectId: string): Promise<string[]> =>
    (
      await sql<{ action: string }>(
        officer.tenantSlug,
        `SELECT action FROM audit_entries WHERE subject_type = 'report' AND subject_id = $1 ORDER BY id`,
        [subjectId],
      )
    ).map((r) => r.action);

  const ingest = async (body: Record<string, unknown>): Promise<string> => {
    const res = await new HttpAgent(api.baseUrl).request('POST', '/v1/transactions', {
      body: { channel: 'wire', ...body, id: `t-${randomUUID()}` },
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID() },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { transactionId: string }).transactionId;
  };

  const approve = async (approver: TestSession, approvalId: string): Promise<Response> => {
    const view = (await (await approver.agent.get(`/v1/approvals/${approvalId}`)).json()) as { contentHash: string };
    return approver.agent.post(`/v1/approvals/${approvalId}/approve`, { contentHash: view.contentHash });
  };

  /** A case with the customer's transactions, closed as sar_needed by one officer and approved by the other. */
  const closedCase = async (customerRecordId: string, transactionIds: string[]): Promise<string> => {
    const created = await officer.agent.post('/v1/cases', {
      title: 'Structuring through wires',
      subjects: [{ type: 'customer', id: customerRecordId, label: 'Ivan Petrov' }],
      transactionIds,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    return id;
  };

  beforeAll(async () => {
    api = await startTestApi();
    officer = await api.session(['compliance_officer']);
    officer2 = await api.sessionInTenant(officer.tenantSlug, ['compliance_officer']);
    analyst = await api.sessionInTenant(officer.tenantSlug, ['analyst']);
    const admin = await api.sessionInTenant(officer.tenantSlug, ['admin']);
    const key = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(key.status).toBe(201);
    apiKey = ((await key.json()) as { key: string }).key;
    const put = await officer.agent.request('PUT', '/v1/reporting/institution', { body: INSTITUTION });
    expect(put.status, await put.clone().text()).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('drafts, validates, approves (four-eyes), generates, files and imports the acknowledgement', async () => {
    const days = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();
    const t1 = await ingest({
      customerId: 'cust-ivan',
      accountId: 'ACC-IVAN-1',
      direction: 'out',
      amount: { value: 950000, currency: 'USD' },
      bookedAt: days(6),
      counterparty: { name: 'Acme Trading LLC', iban: 'DE89370400440532013000', country: 'DE' },
    });
    const t2 = await ingest({
      customerId: 'cust-ivan',
      accountId: 'ACC-IVAN-1',
      direction: 'out',
      amount: { value: 940000, currency: 'USD' },
      bookedAt: days(5),
      counterparty: { name: 'Acme Trading LLC', iban: 'DE89370400440532013000', country: 'DE' },
    });
    const detail = (await (await officer.agent.get(`/v1/transactions/${t1}`)).json()) as { customerRecordId: string };
    const customerRecordId = detail.customerRecordId;
    const caseId = await closedCase(customerRecordId, [t1, t2]);

    // An open case cannot be reported yet.
    const early = await officer.agent.post('/v1/reports', { caseId, kind: 'SAR' });
    expect(early.status).toBe(422);
    expect(((await early.json()) as ProblemBody).code).toBe('reporting/case_not_reportable');

    const close = await officer.agent.post(`/v1/cases/${caseId}/close-request`, {
      disposition: 'sar_needed',
      summary: 'Two wires just under $10,000 on consecutive days to the same counterparty.',
      jurisdiction: 'US',
      suspectIdentified: true,
    });
    expect(close.status, await close.clone().text()).toBe(202);
    const closeApproval = ((await close.json()) as { approval: { id: string } }).approval.id;
    expect((await approve(officer2, closeApproval)).status).toBe(200);

    // The draft is prefilled from the case.
    const created = await officer.agent.post('/v1/reports', {
      caseId,
      kind: 'SAR',
      formats: ['goaml', 'fincen-sar', 'pdf'],
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const draft = (await created.json()) as ReportBody;
    expect(draft).toMatchObject({ kind: 'SAR', status: 'draft', caseId });
    expect(draft.reference).toMatch(/^RPT-\d{4}-\d{6}$/);
    expect(draft.narrative).toContain('Two wires just under $10,000');
    expect(draft.document.transactions.map((t) => t.ref).sort()).toEqual([t1, t2].sort());
    expect(draft.document.activity).toMatchObject({ totalAmountMinor: '1890000', currency: 'USD' });
    const subject = draft.document.parties.find((p) => p.customerId === customerRecordId);
    expect(subject?.isSubject).toBe(true);

    // Bad input is a 400 naming the field, and nothing changes.
    const bad = await officer.agent.request('PATCH', `/v1/reports/${draft.id}`, {
      body: { parties: [{ kind: 'person', ref: 'x' }], bogus: 1 },
    });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as ProblemBody;
    expect(badBody.code).toBe('reporting/invalid_request');
    expect(badBody.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['parties.0.lastName']));

    // The minimal customer the transactions created lacks what the formats need: validation lists it by path.
    const invalid = (await (await officer.agent.get(`/v1/reports/${draft.id}/validation`)).json()) as {
      problems: { path: string; format: string }[];
    };
    expect(invalid.problems.length).toBeGreaterThan(0);
    const refused = await officer.agent.post(`/v1/reports/${draft.id}/submit-for-approval`);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ProblemBody).code).toBe('reporting/report_invalid');

    // The officer completes the subject and the reason.
    const edited = await officer.agent.request('PATCH', `/v1/reports/${draft.id}`, {
      body: {
        parties: [
          {
            ref: customerRecordId,
            customerId: customerRecordId,
            kind: 'person',
            firstName: 'Ivan',
            lastName: 'Petrov',
            nativeName: 'Иван Петров',
            birthDate: '1980-04-12',
            isSubject: true,
            addresses: [{ line1: '5 Elm Street', city: 'Boston', region: 'MA', postalCode: '02110', country: 'US' }],
            identifiers: [{ type: 'passport', number: 'P1234567', issuingCountry: 'US' }],
          },
        ],
        accounts: [
          {
            ref: 'acct:ACC-IVAN-1',
            number: 'ACC-IVAN-1',
            institutionName: INSTITUTION.name,
            currency: 'USD',
            holderRefs: [customerRecordId],
          },
        ],
        reason: 'Structuring below the CTR threshold.',
        action: 'Account restricted; relationship under review.',
      },
    });
    expect(edited.status, await edited.clone().text()).toBe(200);
    const fixed = (await (await officer.agent.get(`/v1/reports/${draft.id}/validation`)).json()) as {
      problems: unknown[];
    };
    expect(fixed.problems).toEqual([]);

    const submitted = await officer.agent.post(`/v1/reports/${draft.id}/submit-for-approval`);
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const { approvalRequestId } = (await submitted.json()) as { approvalRequestId: string };

    // The drafter cannot approve; a second officer can.
    const own = await approve(officer, approvalRequestId);
    expect(own.status).toBe(403);
    expect(((await own.json()) as ProblemBody).code).toBe('approvals/self_approval');
    const approved = await approve(officer2, approvalRequestId);
    expect(approved.status, await approved.clone().text()).toBe(200);

    const report = (await (await officer.agent.get(`/v1/reports/${draft.id}`)).json()) as ReportBody;
    expect(report.status).toBe('approved');
    expect(report.artifacts.map((a) => a.format).sort()).toEqual(['fincen-sar', 'goaml', 'pdf']);

    const goaml = await officer.agent.get(`/v1/reports/${draft.id}/artifacts/goaml`);
    expect(goaml.status).toBe(200);
    const goamlXml = await goaml.text();
    const schema = XsdSchema.load(join(projectRoot(), 'reports/schemas/goaml/goAMLSchema.xsd'));
    expect(schema.validate(goamlXml).issues).toEqual([]);
    const pdf = Buffer.from(await (await officer.agent.get(`/v1/reports/${draft.id}/artifacts/pdf`)).arrayBuffer());
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    // Filing, then FinCEN's acknowledgement.
    const filed = await officer.agent.post(`/v1/reports/${draft.id}/filing`, { status: 'submitted' });
    expect(filed.status).toBe(200);
    expect(((await filed.json()) as ReportBody).status).toBe('submitted');
    const doctype = await officer.agent.post(`/v1/reports/${draft.id}/acknowledgement`, {
      xml: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><EFilingBatchXML>&e;</EFilingBatchXML>',
    });
    expect(doctype.status).toBe(400);
    expect(((await doctype.json()) as ProblemBody).code).toBe('reporting/acknowledgement_invalid');
    const ackXml = readFileSync(join(projectRoot(), 'reports/samples/fincen/sar_acknowledgement.xml'), 'utf8');
    const ack = await officer.agent.post(`/v1/reports/${draft.id}/acknowledgement`, { xml: ackXml });
    expect(ack.status, await ack.clone().text()).toBe(200);
    expect(await ack.json()).toMatchObject({ status: 'acknowledged', filedReference: '31000055053784' });

    // An amendment is a new draft linked to the original.
    const amendment = await officer.agent.post(`/v1/reports/${draft.id}/amendments`, { kind: 'correction' });
    expect(amendment.status).toBe(201);
    expect(await amendment.json()).toMatchObject({ status: 'draft', amendsReportId: draft.id, kind: 'SAR' });

    // The deadline board shows the case with its latest report (the amendment) and, filed, nothing left to count down.
    const board = await officer.agent.get('/v1/reports/deadlines');
    expect(board.status).toBe(200);
    const rows = ((await board.json()) as { items: { caseId: string }[] }).items;
    expect(rows.find((r) => r.caseId === caseId)).toMatchObject({
      status: 'draft',
      reportReference: expect.any(String),
      daysLeft: null,
      overdue: false,
      notices: [],
    });

    // The list and the CSV export show the filing with its case's reference (from the stored document).
    const caseReference = draft.document.caseReference;
    expect(caseReference).toMatch(/^CASE-\d{4}-\d{6}$/);
    const listed = (await (await officer.agent.get('/v1/reports')).json()) as {
      items: { reference: string; caseReference: string | null; status: string }[];
    };
    expect(listed.items.find((r) => r.reference === draft.reference)).toMatchObject({
      caseReference,
      status: 'acknowledged',
    });
    const csv = await officer.agent.get('/v1/reports/export.csv');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(`${draft.reference},SAR,acknowledged,${caseId},${caseReference},`);

    // Every view, download and export is in the ledger.
    const actions = await auditActions(draft.id);
    expect(actions).toEqual(
      expect.arrayContaining([
        'reporting.report.drafted',
        'reporting.report.viewed',
        'reporting.report.validated',
        'reporting.report.edited',
        'reporting.report.submitted',
        'reporting.report.approved',
        'reporting.report.generated',
        'reporting.report.downloaded',
        'reporting.report.filed',
        'reporting.report.acknowledged',
      ]),
    );

    // No tipping off: an analyst gets the same 403 for this report, for a report that does not exist, and for the list.
    const paths = [
      `/v1/reports/${draft.id}`,
      `/v1/reports/${randomUUID()}`,
      `/v1/reports/${draft.id}/artifacts/pdf`,
      `/v1/reports/${draft.id}/evidence-pack`,
      `/v1/reports/${draft.id}/validation`,
      '/v1/reports',
      '/v1/reports/deadlines',
      '/v1/reports/export.csv',
    ];
    const answers = await Promise.all(
      paths.map(async (p) => {
        const res = await analyst.agent.get(p);
        const body = (await res.json()) as ProblemBody;
        return [res.status, body.code];
      }),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.[0]).toBe(403);
    // The case views the analyst may read say nothing about the report.
    const caseView = await analyst.agent.get(`/v1/cases/${caseId}`);
    expect(caseView.status).toBe(200);
    const caseText = await caseView.text();
    expect(caseText).not.toContain(draft.id);
    expect(caseText).not.toContain(draft.reference);
    expect(caseText).not.toContain('31000055053784');
  }, 180_000);

  it('opens one CTR draft per person and business day over $10,000 in cash, idempotently', async () => {
    // Noon in New York on a fixed past day, so the business day is unambiguous.
    const day = '2026-03-10';
    await ingest({
      customerId: 'cust-cash',
      accountId: 'ACC-CASH-1',
      direction: 'in',
      channel: 'cash',
      amount: { value: 600000, currency: 'USD' },
      bookedAt: `${day}T16:00:00Z`,
      counterparty: { name: 'Cash deposit' },
    });
    await ingest({
      customerId: 'cust-cash',
      accountId: 'ACC-CASH-1',
      direction: 'in',
      channel: 'cash',
      amount: { value: 450000, currency: 'USD' },
      bookedAt: `${day}T18:00:00Z`,
      counterparty: { name: 'Cash deposit' },
    });
    const first = await officer.agent.post('/v1/reports/ctr-scan', { date: day });
    expect(first.status, await first.clone().text()).toBe(200);
    const outcome = (await first.json()) as { reportable: number; created: { reportId: string }[] };
    expect(outcome.reportable).toBe(1);
    expect(outcome.created).toHaveLength(1);
    const again = (await (await officer.agent.post('/v1/reports/ctr-scan', { date: day })).json()) as {
      created: unknown[];
    };
    expect(again.created).toEqual([]);
    const ctr = (await (await officer.agent.get(`/v1/reports/${outcome.created[0]?.reportId}`)).json()) as ReportBody;
    expect(ctr).toMatchObject({ kind: 'CTR', formats: ['fincen-ctr', 'pdf'], status: 'draft' });
    expect(ctr.document.activity).toMatchObject({ from: day, to: day, totalAmountMinor: '1050000' });
    const badDay = await officer.agent.post('/v1/reports/ctr-scan', { date: '2026-13-45' });
    expect(badDay.status).toBe(400);
    // A day that does not exist is refused, not rolled over into the next month and scanned as such.
    const noSuchDay = await officer.agent.post('/v1/reports/ctr-scan', { date: '2026-02-30' });
    expect(noSuchDay.status).toBe(400);
    expect((await officer.agent.get('/v1/reports?due=2026-02-30')).status).toBe(400);
    expect((await officer.agent.get('/v1/reports?due=2026-02-28')).status).toBe(200);
  }, 120_000);
});
