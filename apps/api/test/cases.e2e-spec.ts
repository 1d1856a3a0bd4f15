import type { INestApplicationContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { AuditIntegrationLoop, AuditLogRepository, AuditTreeRepository, generateNoteKeyPair } from '@domains/audit';
import { AlertIntakeService } from '@domains/cases';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

const MAX_BYTES = 2048;

/** A minimal but real PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

interface Problem {
  status: number;
  code: string;
  detail?: string;
}

interface CaseView {
  id: string;
  reference: string;
  status: string;
  closedBy: string | null;
  determinedAt: string | null;
  reportDueAt: string | null;
}

interface CaseDetailView {
  case: CaseView;
  subjects: { type: string; id: string; label: string }[];
  transactions: { transactionId: string }[];
  alerts: { id: string; status: string; disposition: string | null }[];
  notes: { body: string }[];
  attachments: { id: string; fileName: string; mediaType: string; sha256: string; sizeBytes: number }[];
  timeline: { action: string }[];
  pendingApprovalId: string | null;
}

interface SearchEntry {
  action: string;
  payload: Record<string, unknown> | null;
}

describe('cases: escalation, notes, attachments, four-eyes closure (composed api over real HTTP)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await startTestApi({ CASES_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
    worker = await createWorkerApp(testConfig({ AUDIT_SIGNING_KEYS: generateNoteKeyPair('verity.local').signerKey }));
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const tenantOf = async (session: TestSession): Promise<string> => {
    const res = await session.agent.get('/v1/auth/session');
    return ((await res.json()) as { tenant: { id: string } }).tenant.id;
  };

  const raiseAlert = async (tenantId: string, label: string): Promise<{ alertId: string; customerId: string }> => {
    const customerId = randomUUID();
    const { alertId } = await api.app.get(TransactionRunner).run(
      (tx) =>
        api.app.get(AlertIntakeService).raise(tx, {
          tenantId,
          type: 'transaction',
          sourceId: randomUUID(),
          subjectType: 'customer',
          subjectId: customerId,
          subjectLabel: label,
          customerId,
          transactionId: randomUUID(),
          title: `Unusual wires by ${label}`,
          priority: 'high',
          details: {},
        }),
      { tenantId },
    );
    return { alertId, customerId };
  };

  const caseAuditActions = async (tenantId: string, caseId: string): Promise<string[]> => {
    const rows = await api.app.get(TransactionRunner).run<{ action: string }[]>(
      (tx) =>
        tx.query(
          `SELECT e.action FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
            WHERE l.tenant_id = $1 AND e.subject_type = 'case' AND e.subject_id = $2`,
          [tenantId, caseId],
        ),
      { tenantId },
    );
    return rows.map((r) => r.action);
  };

  /** Waits until the worker has integrated every audit entry of the tenant, so the audit API can read them. */
  const settleAudit = async (tenantId: string): Promise<void> => {
    const log = await worker.get(AuditLogRepository).findByTenant(tenantId);
    if (!log) throw new Error('the tenant has no audit log');
    for (;;) {
      await worker.get(AuditIntegrationLoop).runPass();
      const backlog = await worker.get(AuditTreeRepository).backlog();
      if (!backlog.waitingLogs.some((w) => w.logId === log.id)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const upload = (session: TestSession, caseId: string, fileName: string, bytes: Buffer): Promise<Response> => {
    const boundary = `verity-${randomUUID()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    );
    const body = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return session.agent.request('POST', `/v1/cases/${caseId}/attachments`, {
      rawBody: body.toString('latin1'),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };

  const expectProblem = async (res: Response, status: number, code?: string): Promise<Problem> => {
    expect(res.status, await res.clone().text()).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Problem;
    if (code) expect(body.code).toBe(code);
    return body;
  };

  const detail = async (session: TestSession, caseId: string): Promise<CaseDetailView> => {
    const res = await session.agent.get(`/v1/cases/${caseId}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as CaseDetailView;
  };

  it('escalates alerts into a case, keeps notes verbatim, polices attachments, and closes only with a second person', async () => {
    const analyst = await api.session(['analyst']);
    const officer = await api.sessionInTenant(analyst.tenantSlug, ['compliance_officer']);
    const tenantId = await tenantOf(analyst);
    const first = await raiseAlert(tenantId, 'Mallory Example');
    const second = await raiseAlert(tenantId, 'Trent Example');

    // Escalate one alert into a new case, then a second one into the same case.
    const created = await analyst.agent.post('/v1/cases', {
      title: 'Wires to a shell company',
      priority: 'high',
      alertIds: [first.alertId],
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const kase = (await created.json()) as CaseView;
    expect(kase.reference).toMatch(new RegExp(`^CASE-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(kase.status).toBe('open');
    expect((await analyst.agent.post(`/v1/cases/${kase.id}/alerts`, { alertIds: [second.alertId] })).status).toBe(204);
    await expectProblem(
      await analyst.agent.post(`/v1/cases/${kase.id}/alerts`, { alertIds: [randomUUID()] }),
      404,
      'cases/alert_not_found',
    );
    await expectProblem(
      await analyst.agent.post(`/v1/cases/${kase.id}/transactions`, { transactionIds: [randomUUID()] }),
      422,
      'cases/transaction_not_found',
    );

    // A note with markup is stored and returned verbatim, as a JSON string.
    const script = '<script>alert("x")</script> & <b>bold</b>';
    const note = await analyst.agent.post(`/v1/cases/${kase.id}/notes`, { body: script });
    expect(note.status).toBe(201);
    expect(((await note.json()) as { body: string }).body).toBe(script);

    // Attachments: too large, forbidden types, a name with a path; nothing of those is stored.
    await expectProblem(
      await upload(analyst, kase.id, 'exactly-over.txt', Buffer.alloc(MAX_BYTES + 1, 'a')),
      413,
      'cases/attachment_too_large',
    );
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
    await expectProblem(await upload(analyst, kase.id, 'report.pdf', elf), 415, 'cases/attachment_type_forbidden');
    await expectProblem(
      await upload(analyst, kase.id, 'page.txt', Buffer.from('<html><body><script>alert(1)</script></body></html>')),
      415,
      'cases/attachment_type_forbidden',
    );
    await expectProblem(
      await upload(analyst, kase.id, 'chart.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      415,
      'cases/attachment_type_forbidden',
    );
    await expectProblem(
      await upload(analyst, kase.id, '../../etc/statement.pdf', PDF),
      422,
      'cases/attachment_name_invalid',
    );
    await expectProblem(
      await upload(analyst, kase.id, 'C:\\temp\\statement.pdf', PDF),
      422,
      'cases/attachment_name_invalid',
    );
    const added = await upload(analyst, kase.id, 'statement.pdf', PDF);
    expect(added.status, await added.clone().text()).toBe(201);
    const attachment = (await added.json()) as { id: string; sha256: string; mediaType: string };
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(attachment).toMatchObject({ sha256, mediaType: 'application/pdf' });

    const download = await analyst.agent.get(`/v1/cases/${kase.id}/attachments/${attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''statement\.pdf/);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const before = await detail(analyst, kase.id);
    expect(before.alerts.map((a) => a.id).sort()).toEqual([first.alertId, second.alertId].sort());
    expect(before.alerts.every((a) => a.status === 'escalated' && a.disposition === 'true_positive')).toBe(true);
    expect(before.subjects.map((s) => s.id).sort()).toEqual([first.customerId, second.customerId].sort());
    expect(before.transactions).toHaveLength(2);
    expect(before.notes.map((n) => n.body)).toEqual([script]);
    expect(before.attachments.map((a) => a.fileName)).toEqual(['statement.pdf']);
    expect(before.timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(['created', 'alerts_linked', 'subject_added', 'note_added', 'attachment_added']),
    );

    // Reading the case is audited, once per read.
    const viewsBefore = (await caseAuditActions(tenantId, kase.id)).filter((a) => a === 'cases.case.viewed').length;
    await detail(analyst, kase.id);
    await detail(officer, kase.id);
    const viewsAfter = (await caseAuditActions(tenantId, kase.id)).filter((a) => a === 'cases.case.viewed').length;
    expect(viewsAfter).toBe(viewsBefore + 2);

    // The SHA-256 the audit entry records is the file's.
    const auditor = await api.sessionInTenant(analyst.tenantSlug, ['auditor']);
    await settleAudit(tenantId);
    const search = await auditor.agent.get(`/v1/audit/search?subjectType=case&subjectId=${kase.id}&limit=100`);
    expect(search.status, await search.clone().text()).toBe(200);
    const entries = ((await search.json()) as { entries: SearchEntry[] }).entries;
    const addedEntry = entries.find((e) => e.action === 'cases.attachment.added');
    expect(addedEntry?.payload).toMatchObject({
      sha256,
      size: PDF.length,
      type: 'application/pdf',
      name: 'statement.pdf',
    });
    expect(entries.filter((e) => e.action === 'cases.attachment.added')).toHaveLength(1);
    expect(entries.some((e) => e.action === 'cases.attachment.downloaded')).toBe(true);

    // Closure: requested by the analyst, who cannot approve it; the officer approves; the clock starts.
    const requested = await analyst.agent.post(`/v1/cases/${kase.id}/close-request`, {
      disposition: 'sar_needed',
      summary: 'Layering through a shell company; report needed.',
      jurisdiction: 'US',
      suspectIdentified: true,
    });
    expect(requested.status, await requested.clone().text()).toBe(202);
    const { approval } = (await requested.json()) as { approval: { id: string; contentHash: string } };
    expect((await detail(analyst, kase.id)).case.status).toBe('pending_approval');
    // Notes may still be added while the closure waits; the case itself may not change.
    expect((await analyst.agent.post(`/v1/cases/${kase.id}/notes`, { body: 'still working' })).status).toBe(201);
    await expectProblem(
      await analyst.agent.request('PATCH', `/v1/cases/${kase.id}`, { body: { title: 'Changed while pending' } }),
      409,
      'cases/case_not_editable',
    );
    const own = await analyst.agent.post(`/v1/approvals/${approval.id}/approve`, { contentHash: approval.contentHash });
    await expectProblem(own, 403, 'approvals/self_approval');
    expect((await detail(analyst, kase.id)).case.status).toBe('pending_approval');

    const approved = await officer.agent.post(`/v1/approvals/${approval.id}/approve`, {
      contentHash: approval.contentHash,
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    const closed = (await detail(analyst, kase.id)).case;
    expect(closed.status).toBe('closed');
    expect(closed.determinedAt).not.toBeNull();
    expect(new Date(closed.reportDueAt ?? 0).getTime() - new Date(closed.determinedAt ?? 0).getTime()).toBe(
      30 * 86_400_000,
    );
    expect((await analyst.agent.post(`/v1/cases/${kase.id}/notes`, { body: 'after closure' })).status).toBe(409);
    expect(await caseAuditActions(tenantId, kase.id)).toEqual(
      expect.arrayContaining(['cases.case.created', 'cases.case.close_requested', 'cases.case.closed']),
    );

    // Another tenant cannot see or touch the case.
    const stranger = await api.session(['analyst']);
    await expectProblem(await stranger.agent.get(`/v1/cases/${kase.id}`), 404, 'cases/case_not_found');
    await expectProblem(await stranger.agent.post(`/v1/cases/${kase.id}/notes`, { body: 'x' }), 404);
    await expectProblem(await stranger.agent.get(`/v1/cases/${kase.id}/attachments/${attachment.id}`), 404);
    expect(((await (await stranger.agent.get('/v1/cases')).json()) as { total: number }).total).toBe(0);
  }, 240_000);

  it('does not let an officer approve their own closure; a rejected closure sends the case back to investigating', async () => {
    const officer = await api.session(['compliance_officer']);
    const colleague = await api.sessionInTenant(officer.tenantSlug, ['compliance_officer']);
    const created = await officer.agent.post('/v1/cases', { title: 'Possible mule account' });
    expect(created.status).toBe(201);
    const kase = (await created.json()) as CaseView;
    const requested = await officer.agent.post(`/v1/cases/${kase.id}/close-request`, {
      disposition: 'no_report_needed',
      summary: 'Explained by payroll.',
    });
    expect(requested.status).toBe(202);
    const { approval } = (await requested.json()) as { approval: { id: string; contentHash: string } };
    await expectProblem(
      await officer.agent.post(`/v1/approvals/${approval.id}/approve`, { contentHash: approval.contentHash }),
      403,
      'approvals/self_approval',
    );
    expect((await detail(officer, kase.id)).pendingApprovalId).toBe(approval.id);

    const rejected = await colleague.agent.post(`/v1/approvals/${approval.id}/reject`, { reason: 'Ask for payslips' });
    expect(rejected.status, await rejected.clone().text()).toBe(200);
    const after = await detail(officer, kase.id);
    expect(after.case.status).toBe('investigating');
    expect(after.pendingApprovalId).toBeNull();
    expect(after.timeline.map((e) => e.action)).toContain('close_request_lapsed');

    const listed = (await (await officer.agent.get('/v1/cases?status=investigating')).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((i) => i.id)).toEqual([kase.id]);
  }, 120_000);
});
