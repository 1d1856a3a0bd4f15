import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { MonitoringAlertFeed } from '@domains/monitoring';
import {
  buildPaymentMessage,
  digestOf,
  iso20022Schema,
  Iso20022MessageStore,
  StatusFollowupService,
} from '@domains/iso20022';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

const PACS_008 = readFileSync(
  join(
    projectRoot(),
    'libs/domains/iso20022/schemas/samples/phoughton_iso20022-cbpr-ur/src/cbpr_rules/examples/y2025/pacs.008.min.xml',
  ),
  'utf8',
);
const SAMPLE_UETR = '00000000-0000-4000-9a9f-b231a317421a';

interface Decision {
  transactionId: string;
  decision: 'allow' | 'review' | 'block';
}
interface MessageItem {
  id: string;
  direction: string;
  messageType: string;
  msgId: string | null;
  status: string;
  transactionCount: number;
  relatedMessageId: string | null;
}
interface MessageDetail extends MessageItem {
  summary: Record<string, unknown>;
  transactions: { transactionId: string | null; status: string; reasonCode: string | null; endToEndId: string }[];
  related: MessageItem[];
}

describe('iso20022 outbound: statements, returns, later status reports and the message log', () => {
  let api: TestApi;
  let machine: HttpAgent;

  beforeAll(async () => {
    api = await startTestApi();
    machine = new HttpAgent(api.baseUrl);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function integrationTenant(): Promise<{ admin: TestSession; key: string; tenantId: string }> {
    const admin = await api.session(['admin', 'analyst']);
    const created = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const tenant = await api.app.get(TenantRepository).findBySlug(admin.tenantSlug);
    return { admin, key, tenantId: tenant!.id };
  }

  async function ingest(key: string, body: Record<string, unknown>): Promise<Decision> {
    const res = await machine.request('POST', '/v1/transactions', {
      body: {
        id: `t-${randomUUID()}`,
        customerId: 'c-iso',
        channel: 'wire',
        bookedAt: '2026-11-10T10:00:00Z',
        ...body,
      },
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Decision;
  }

  const sql = <T>(tenantId: string, query: string, params: unknown[] = []): Promise<T[]> =>
    api.app.get(TransactionRunner).run<T[]>((tx) => tx.query(query, params), { tenantId });

  /** An accepted (or pending) inbound pacs.008 as the inbound path stores it, linked to a monitoring transaction. */
  async function storeInbound(
    tenantId: string,
    transactionId: string,
    status: 'accepted' | 'pending',
  ): Promise<string> {
    const digest = digestOf(PACS_008);
    const message = await api.app.get(TransactionRunner).run(
      (tx) =>
        api.app.get(Iso20022MessageStore).record(tx, {
          tenantId,
          actor: { type: 'system', id: 'e2e' },
          direction: 'in',
          messageType: 'pacs.008.001.08',
          msgId: 'EXMsgId',
          status,
          sha256: digest.sha256,
          sizeBytes: digest.sizeBytes,
          xml: PACS_008,
          transactions: [
            {
              transactionId,
              endToEndId: 'EXEndToEndId',
              instrId: 'EXInstrId',
              uetr: SAMPLE_UETR,
              txId: null,
              amountMinor: '100000',
              currency: 'EUR',
              status,
              reasonCode: status === 'pending' ? 'NARR' : null,
            },
          ],
        }),
      { tenantId },
    );
    return message.id;
  }

  it('generates a schema-valid camt.053 from ingested transactions, stores it, and serves it as a download', async () => {
    const { admin, key, tenantId } = await integrationTenant();
    const accountId = 'DE89370400440532013000';
    await ingest(key, {
      accountId,
      direction: 'in',
      amount: { value: 12345, currency: 'EUR' },
      counterparty: { name: '山田太郎', iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L', country: 'GB' },
    });
    await ingest(key, {
      accountId,
      direction: 'out',
      amount: { value: 2000, currency: 'EUR' },
      bookedAt: '2026-11-11T09:30:00Z',
      counterparty: { name: 'Иван Петров & <Co>' },
    });
    // Outside the period and another account: not in the statement.
    await ingest(key, {
      accountId,
      direction: 'in',
      amount: { value: 1, currency: 'EUR' },
      bookedAt: '2026-12-05T00:00:00Z',
      counterparty: { name: 'Later' },
    });
    await ingest(key, {
      accountId: 'other',
      direction: 'in',
      amount: { value: 7, currency: 'EUR' },
      counterparty: { name: 'Other' },
    });

    const res = await admin.agent.post('/v1/iso20022/statements', {
      accountId,
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      kind: 'camt.053',
      currency: 'EUR',
      openingBalanceMinor: '-500',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      messageId: string;
      messageType: string;
      sha256: string;
      xml: string;
      sections: { currency: string; entryCount: number; openingMinor: string; closingMinor: string }[];
    };
    expect(body.messageType).toBe('camt.053.001.08');
    expect(iso20022Schema('camt.053.001.08').validate(body.xml).issues).toEqual([]);
    expect(body.sections).toEqual([
      expect.objectContaining({ currency: 'EUR', entryCount: 2, openingMinor: '-500', closingMinor: '9845' }),
    ]);
    expect(body.xml).toContain('<IBAN>DE89370400440532013000</IBAN>');
    expect(body.xml).toContain('<Amt Ccy="EUR">123.45</Amt>');
    expect(body.xml).toContain('<Nm>山田太郎</Nm>');
    expect(body.xml).toContain('<Nm>Иван Петров &amp; &lt;Co&gt;</Nm>');
    // Opening 5.00 debit; closing 98.45 credit.
    expect(body.xml).toMatch(/<Cd>OPBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="EUR">5\.00<\/Amt><CdtDbtInd>DBIT</);
    expect(body.xml).toMatch(/<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="EUR">98\.45<\/Amt><CdtDbtInd>CRDT</);

    const download = await admin.agent.get(`/v1/iso20022/messages/${body.messageId}/xml`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename=".*camt\.053\.001\.08.*\.xml"$/);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(body.sha256);
    expect(iso20022Schema('camt.053.001.08').validate(bytes).valid).toBe(true);

    // Recorded in the audit ledger in the same transaction (the payload, with the SHA-256, is hashed into the entry).
    const audited = await sql<{ n: number }>(
      tenantId,
      `SELECT count(*)::int AS n FROM audit_entries
        WHERE action = 'iso20022.message.sent' AND subject_type = 'iso20022_message' AND subject_id = $1`,
      [body.messageId],
    );
    expect(audited[0]?.n).toBe(1);

    const list = (await (await admin.agent.get('/v1/iso20022/messages?direction=out&type=camt.053.001.08')).json()) as {
      items: MessageItem[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({ id: body.messageId, status: 'generated', direction: 'out', transactionCount: 2 }),
    ]);

    const notification = await admin.agent.post('/v1/iso20022/statements', {
      accountId,
      from: '2026-11-01',
      to: '2026-12-01',
      kind: 'camt.054',
    });
    expect(notification.status).toBe(201);
    const { xml } = (await notification.json()) as { xml: string };
    expect(iso20022Schema('camt.054.001.08').validate(xml).issues).toEqual([]);
  });

  it('answers bad statement requests with a 4xx problem and stores nothing', async () => {
    const { admin, tenantId } = await integrationTenant();
    const before = await api.app.get(Iso20022MessageStore).count(tenantId);
    const cases: [Record<string, unknown>, string][] = [
      [{ accountId: 'a', from: '2026-12-01', to: '2026-11-01', kind: 'camt.053' }, 'iso20022/statement_invalid'],
      [{ accountId: 'a', from: '2025-01-01', to: '2026-12-01', kind: 'camt.053' }, 'iso20022/statement_invalid'],
      [{ accountId: 'a', from: '2026-11-01', to: '2026-12-01', kind: 'camt.052' }, 'platform/validation_failed'],
      [{ accountId: 'a', from: 'yesterday', to: '2026-12-01', kind: 'camt.053' }, 'platform/validation_failed'],
      [
        { accountId: 'a', from: '2026-11-01', to: '2026-12-01', kind: 'camt.054', openingBalanceMinor: '5' },
        'iso20022/statement_invalid',
      ],
    ];
    for (const [request, code] of cases) {
      const res = await admin.agent.post('/v1/iso20022/statements', request);
      expect(res.status, JSON.stringify(request)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { code: string };
      expect(problem.code.startsWith(code.split('/')[0])).toBe(true);
      if (code.startsWith('iso20022/')) expect(problem.code).toBe(code);
    }
    expect(await api.app.get(Iso20022MessageStore).count(tenantId)).toBe(before);
  });

  it('returns an accepted inbound payment once with a valid pacs.004; refuses a second return and non-accepted ones', async () => {
    const { admin, key, tenantId } = await integrationTenant();
    const accepted = await ingest(key, {
      accountId: 'acc-ret',
      direction: 'in',
      amount: { value: 100000, currency: 'EUR' },
      counterparty: { name: 'EXAMPLE PARTY NV' },
    });
    const pending = await ingest(key, {
      accountId: 'acc-ret',
      direction: 'in',
      amount: { value: 100000, currency: 'EUR' },
      counterparty: { name: 'EXAMPLE PARTY NV' },
    });
    const originalId = await storeInbound(tenantId, accepted.transactionId, 'accepted');
    await storeInbound(tenantId, pending.transactionId, 'pending');

    const res = await admin.agent.post(`/v1/iso20022/transactions/${accepted.transactionId}/return`, {
      reasonCode: 'AC04',
      additionalInfo: 'Account closed — 口座解約',
    });
    expect(res.status).toBe(201);
    const ret = (await res.json()) as {
      messageId: string;
      messageType: string;
      xml: string;
      originalMessageId: string;
    };
    expect(ret).toMatchObject({ messageType: 'pacs.004.001.09', originalMessageId: originalId });
    expect(iso20022Schema('pacs.004.001.09').validate(ret.xml).issues).toEqual([]);
    expect(ret.xml).toContain('<OrgnlMsgId>EXMsgId</OrgnlMsgId>');
    expect(ret.xml).toContain('<OrgnlEndToEndId>EXEndToEndId</OrgnlEndToEndId>');
    expect(ret.xml).toContain(`<OrgnlUETR>${SAMPLE_UETR}</OrgnlUETR>`);
    expect(ret.xml).toContain('<RtrdIntrBkSttlmAmt Ccy="EUR">1000.00</RtrdIntrBkSttlmAmt>');
    expect(ret.xml).toContain('<Cd>AC04</Cd>');

    const original = (await (await admin.agent.get(`/v1/iso20022/messages/${originalId}`)).json()) as MessageDetail;
    expect(original.transactions).toEqual([
      expect.objectContaining({ transactionId: accepted.transactionId, status: 'returned', reasonCode: 'AC04' }),
    ]);
    expect(original.related).toEqual([
      expect.objectContaining({ id: ret.messageId, messageType: 'pacs.004.001.09', relatedMessageId: originalId }),
    ]);

    const count = await api.app.get(Iso20022MessageStore).count(tenantId);
    const again = await admin.agent.post(`/v1/iso20022/transactions/${accepted.transactionId}/return`, {
      reasonCode: 'AM05',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('iso20022/already_returned');
    const notAccepted = await admin.agent.post(`/v1/iso20022/transactions/${pending.transactionId}/return`, {
      reasonCode: 'MS03',
    });
    expect(notAccepted.status).toBe(422);
    expect(((await notAccepted.json()) as { code: string }).code).toBe('iso20022/not_returnable');
    const notInbound = await admin.agent.post(`/v1/iso20022/transactions/${randomUUID()}/return`, {
      reasonCode: 'RR04',
    });
    expect(notInbound.status).toBe(422);
    const badReason = await admin.agent.post(`/v1/iso20022/transactions/${pending.transactionId}/return`, {
      reasonCode: 'XX99',
    });
    expect(badReason.status).toBe(400);
    expect(await api.app.get(Iso20022MessageStore).count(tenantId)).toBe(count);
  });

  it('pages the message log one message at a time without losing a message and its answer created together', async () => {
    const { admin, key } = await integrationTenant();
    const inbound = await machine.request('POST', '/v1/iso20022', {
      rawBody: buildPaymentMessage('pacs.008.001.08', {
        msgId: `MSG-PAGE-${randomUUID().slice(0, 8)}`,
        payments: [{ endToEndId: 'E2E-PAGE-1', uetr: randomUUID(), amount: '10.00', currency: 'EUR' }],
      }),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
    });
    expect(inbound.status).toBe(200);
    const expected = [inbound.headers.get('iso20022-message-id'), inbound.headers.get('iso20022-report-id')];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&before=${cursor}`;
      const res = await admin.agent.get(`/v1/iso20022/messages?limit=1${query}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: MessageItem[]; nextCursor: string | null };
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor !== null && seen.length < 10);
    expect([...seen].sort()).toEqual([...expected].sort());
  });

  it('returns a payment that came in through POST /v1/iso20022 and was accepted, with its original parties', async () => {
    const { admin, key } = await integrationTenant();
    const msgId = `MSG-RET-${randomUUID().slice(0, 8)}`;
    const uetr = randomUUID();
    const inbound = await machine.request('POST', '/v1/iso20022', {
      rawBody: buildPaymentMessage('pacs.008.001.08', {
        msgId,
        payments: [{ endToEndId: 'E2E-RET-1', uetr, amount: '250.75', currency: 'EUR', debtorName: '山田太郎' }],
      }),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
    });
    expect(inbound.status).toBe(200);
    const list = (await (await admin.agent.get('/v1/iso20022/messages?direction=in&type=pacs.008.001.08')).json()) as {
      items: MessageItem[];
    };
    const received = list.items.find((m) => m.msgId === msgId);
    expect(received).toBeDefined();
    const detail = (await (await admin.agent.get(`/v1/iso20022/messages/${received!.id}`)).json()) as MessageDetail;
    const [payment] = detail.transactions;
    expect(payment).toMatchObject({ endToEndId: 'E2E-RET-1', status: 'accepted' });

    const res = await admin.agent.post(`/v1/iso20022/transactions/${payment.transactionId!}/return`, {
      reasonCode: 'FOCR',
    });
    expect(res.status).toBe(201);
    const { xml } = (await res.json()) as { xml: string };
    expect(iso20022Schema('pacs.004.001.09').validate(xml).issues).toEqual([]);
    expect(xml).toContain(`<OrgnlMsgId>${msgId}</OrgnlMsgId>`);
    expect(xml).toContain('<OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>');
    expect(xml).toContain(`<OrgnlUETR>${uetr}</OrgnlUETR>`);
    expect(xml).toContain('<RtrdIntrBkSttlmAmt Ccy="EUR">250.75</RtrdIntrBkSttlmAmt>');
    expect(xml).toContain('<Nm>山田太郎</Nm>');
  });

  it('sends one later pacs.002 once an analyst clears a payment that was pending review', async () => {
    const { admin, key, tenantId } = await integrationTenant();
    await sql(
      tenantId,
      `INSERT INTO monitoring_rule_sets (tenant_id, name, version, status, document, content_hash, published_at)
         VALUES ($1, 'e2e', 1, 'published', $2, repeat('0', 64), now())`,
      [
        tenantId,
        JSON.stringify({
          rules: [
            {
              name: 'large-wire',
              conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 5000 }] },
              event: { type: 'large', params: { message: 'Large', action: 'review', weight: 0.3 } },
            },
          ],
          thresholds: { review: 0.5, block: 0.9 },
        }),
      ],
    );
    const held = await ingest(key, {
      accountId: 'acc-pdng',
      direction: 'in',
      amount: { value: 980000, currency: 'USD' },
      counterparty: { name: 'EXAMPLE PARTY NV' },
    });
    expect(held.decision).toBe('review');
    const originalId = await storeInbound(tenantId, held.transactionId, 'pending');
    const followups = api.app.get(StatusFollowupService);

    // Still open: nothing to report.
    expect(await followups.followUp(tenantId)).toBe(0);

    const feed = api.app.get(MonitoringAlertFeed);
    const runner = api.app.get(TransactionRunner);
    await runner.run(
      async (tx) => {
        const [alert] = (await feed.since(tx, tenantId, new Date(0), 10)).filter(
          (a) => a.transactionId === held.transactionId,
        );
        expect(await feed.recordDisposition(tx, tenantId, alert.alertId, 'false_positive')).toBe(true);
      },
      { tenantId },
    );

    const [first, second] = await Promise.all([followups.followUp(tenantId), followups.followUp(tenantId)]);
    expect(first + second).toBe(1);
    expect(await followups.followUp(tenantId)).toBe(0);

    const original = (await (await admin.agent.get(`/v1/iso20022/messages/${originalId}`)).json()) as MessageDetail;
    expect(original.transactions).toEqual([
      expect.objectContaining({ transactionId: held.transactionId, status: 'accepted' }),
    ]);
    const reports = original.related.filter((m) => m.messageType === 'pacs.002.001.10');
    expect(reports).toHaveLength(1);
    const xml = await (await admin.agent.get(`/v1/iso20022/messages/${reports[0].id}/xml`)).text();
    expect(iso20022Schema('pacs.002.001.10').validate(xml).issues).toEqual([]);
    expect(xml).toContain('<OrgnlMsgId>EXMsgId</OrgnlMsgId>');
    expect(xml).toContain('<TxSts>ACSP</TxSts>');
    expect(xml).toContain(`<OrgnlUETR>${SAMPLE_UETR}</OrgnlUETR>`);
  });
});
