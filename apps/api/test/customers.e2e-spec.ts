import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { CustomerRatingService, CustomerReviewService, CustomerService } from '@domains/customers';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface CustomerBody {
  id: string;
  externalRef: string | null;
  kycStatus: string;
  nextStatuses: string[];
  risk: {
    rating: string;
    score: number | null;
    matrixVersion: number | null;
    factors: { factor: string; points: number; reason: string }[];
  };
  eddRequired: boolean;
  eddReasons: string[];
  eddChecklist: { sourceOfWealth: string } | null;
  screeningStatus: string | null;
  nextReviewAt: string | null;
  relatedParties: { fullName: string; role: string; screeningStatus: string | null }[];
}

type CustomerEntityView = Awaited<ReturnType<CustomerService['list']>>['items'][number];

interface Problem {
  status: number;
  code: string;
  detail?: string;
}

const EDD = {
  sourceOfWealth: 'Inherited family business, sold in 2015 (contract on file)',
  seniorManagementApproval: true,
  purposeOfRelationship: 'Salary and everyday payments',
};

describe('customers and KYC (composed api over real HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  const tenantIdOf = async (slug: string): Promise<string> => {
    const tenant = await api.app.get(TenantRepository).findBySlug(slug);
    if (!tenant) throw new Error(`no tenant ${slug}`);
    return tenant.id;
  };

  const auditActions = async (slug: string, customerId: string): Promise<string[]> => {
    const tenantId = await tenantIdOf(slug);
    const rows = await api.app.get(TransactionRunner).run<{ action: string }[]>(
      (tx) =>
        tx.query(
          `SELECT e.action FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
            WHERE l.tenant_id = $1 AND e.subject_type = 'customer' AND e.subject_id = $2 ORDER BY e.id`,
          [tenantId, customerId],
        ),
      { tenantId },
    );
    return rows.map((r) => r.action);
  };

  async function create(session: TestSession, body: Record<string, unknown>): Promise<CustomerBody> {
    const res = await session.agent.post('/v1/customers', body);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as CustomerBody;
  }

  async function act(session: TestSession, id: string, action: string, body: unknown = {}): Promise<Response> {
    return session.agent.post(`/v1/customers/${id}/${action}`, body);
  }

  it('refuses a bad country code or LEI with a 400 problem and stores nothing; accepts a real LEI', async () => {
    const officer = await api.session(['compliance_officer']);
    const badCountry = await officer.agent.post('/v1/customers', {
      type: 'individual',
      fullName: 'Nobody Stored',
      nationalities: ['XX'],
    });
    expect(badCountry.status).toBe(400);
    expect(((await badCountry.json()) as Problem).code).toBe('customers/invalid');

    const badLei = await officer.agent.post('/v1/customers', {
      type: 'business',
      fullName: 'Broken Checksum Ltd',
      identifiers: [{ type: 'lei', value: '5493001KJTIIGC8Y1R13' }],
    });
    expect(badLei.status).toBe(400);
    expect(((await badLei.json()) as Problem).detail).toContain('LEI');

    const badShape = await officer.agent.post('/v1/customers', { type: 'robot', fullName: 'X' });
    expect(badShape.status).toBe(400);

    const empty = (await (await officer.agent.get('/v1/customers')).json()) as { total: number };
    expect(empty.total).toBe(0);

    const good = await create(officer, {
      type: 'business',
      fullName: 'Bloomberg Finance L.P.',
      country: 'us',
      identifiers: [{ type: 'lei', value: '5493001KJTIIGC8Y1R12' }],
    });
    expect(good.kycStatus).toBe('draft');
    const listed = (await (await officer.agent.get('/v1/customers?search=bloomberg')).json()) as { total: number };
    expect(listed.total).toBe(1);
  });

  it('lets an integration key create and update customers, and rejects a duplicate external reference', async () => {
    const admin = await api.session(['admin']);
    const key = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(key.status).toBe(201);
    const { key: secret } = (await key.json()) as { key: string };
    const machine = new HttpAgent(api.baseUrl);
    const headers = { authorization: `Bearer ${secret}` };
    const created = await machine.request('POST', '/v1/customers', {
      headers,
      body: { externalRef: 'psp-42', type: 'individual', fullName: 'Kai Müller', nationalities: ['DE'] },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as CustomerBody;
    const updated = await machine.request('PATCH', `/v1/customers/${id}`, { headers, body: { occupation: 'Pilot' } });
    expect(updated.status).toBe(200);
    const account = await machine.request('POST', `/v1/customers/${id}/accounts`, {
      headers,
      body: { externalRef: 'acct-42', currency: 'eur' },
    });
    expect(account.status).toBe(201);
    expect((await account.json()) as { currency: string }).toMatchObject({ currency: 'EUR' });
    const sameAccount = await machine.request('POST', `/v1/customers/${id}/accounts`, {
      headers,
      body: { externalRef: 'acct-42', currency: 'EUR' },
    });
    expect(sameAccount.status).toBe(409);
    const detail = (await (await machine.get(`/v1/customers/${id}`, headers)).json()) as {
      accounts: { externalRef: string }[];
    };
    expect(detail.accounts.map((a) => a.externalRef)).toEqual(['acct-42']);
    const duplicate = await machine.request('POST', '/v1/customers', {
      headers,
      body: { externalRef: 'psp-42', type: 'individual', fullName: 'Someone Else' },
    });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as Problem).code).toBe('customers/external_ref_taken');
    // Deciding is for people holding customers:decide.
    expect((await machine.request('POST', `/v1/customers/${id}/exit`, { headers, body: { reason: 'x' } })).status).toBe(
      403,
    );
  });

  it('runs the lifecycle: draft → screening → review → approved, refuses invalid moves, audits each step', async () => {
    const officer = await api.session(['compliance_officer']);
    const customer = await create(officer, {
      externalRef: 'c-1',
      type: 'individual',
      fullName: 'Maria Schmidt',
      dateOfBirth: '1986-04-12',
      nationalities: ['DE'],
      country: 'DE',
      occupation: 'Teacher',
      product: 'savings_account',
      channel: 'branch',
    });
    expect(customer.risk.rating).toBe('low');
    expect(customer.risk.factors.map((f) => f.factor)).toContain('pep');

    const early = await act(officer, customer.id, 'approve', { reason: 'too early' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as Problem).code).toBe('customers/invalid_transition');

    const submitted = await act(officer, customer.id, 'submit');
    expect(submitted.status).toBe(200);
    const inReview = (await submitted.json()) as CustomerBody;
    expect(inReview.kycStatus).toBe('review');
    expect(inReview.screeningStatus).toBe('clear');

    expect((await act(officer, customer.id, 'submit')).status).toBe(409);

    const approved = (await (
      await act(officer, customer.id, 'approve', { reason: 'all good' })
    ).json()) as CustomerBody;
    expect(approved.kycStatus).toBe('approved');
    const years = (new Date(approved.nextReviewAt ?? 0).getTime() - Date.now()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(2.9);
    expect(years).toBeLessThan(3.1);

    const exited = (await (
      await act(officer, customer.id, 'exit', { reason: 'closed account' })
    ).json()) as CustomerBody;
    expect(exited.kycStatus).toBe('exited');
    expect(exited.nextStatuses).toEqual([]);
    expect((await act(officer, customer.id, 'review', { reason: 'again' })).status).toBe(409);

    const actions = await auditActions(officer.tenantSlug, customer.id);
    expect(actions.filter((a) => a === 'customers.customer.status_changed')).toHaveLength(4);
    expect(actions).toContain('customers.customer.created');
    expect(actions).toContain('customers.customer.screened');
    expect(actions).toContain('customers.customer.risk_rated');
  });

  it('requires the EDD checklist to approve a PEP or a customer linked to a high-risk country', async () => {
    const officer = await api.session(['compliance_officer']);
    const pep = await create(officer, {
      type: 'individual',
      fullName: 'Viktor Morozov',
      nationalities: ['CY'],
      isPep: true,
    });
    expect(pep.eddRequired).toBe(true);
    expect(pep.risk.rating).toBe('medium');
    await act(officer, pep.id, 'submit');
    const missing = await act(officer, pep.id, 'approve', { reason: 'looks fine' });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as Problem).code).toBe('customers/edd_incomplete');
    const noSenior = await act(officer, pep.id, 'approve', {
      reason: 'looks fine',
      edd: { ...EDD, seniorManagementApproval: false },
    });
    expect(noSenior.status).toBe(422);
    const approved = (await (
      await act(officer, pep.id, 'approve', { reason: 'EDD done', edd: EDD })
    ).json()) as CustomerBody;
    expect(approved.kycStatus).toBe('approved');
    expect(approved.eddChecklist?.sourceOfWealth).toBe(EDD.sourceOfWealth);

    const iran = await create(officer, { type: 'individual', fullName: 'Reza Karimi', nationalities: ['IR', 'AE'] });
    expect(iran.risk.rating).toBe('high');
    expect(iran.eddReasons.join(' ')).toContain('IR');
    const countryFactor = iran.risk.factors.find((f) => f.factor === 'country');
    expect(countryFactor?.reason).toContain('IR');
  });

  it('screens related parties of a business and re-rates on a profile change', async () => {
    const officer = await api.session(['compliance_officer']);
    const business = await create(officer, {
      type: 'business',
      fullName: 'Northwind Trading GmbH',
      country: 'DE',
      relatedParties: [
        { role: 'director', partyType: 'individual', fullName: 'Jonas Weber', nationalities: ['DE'] },
        { role: 'beneficial_owner', partyType: 'individual', fullName: 'Elena Rossi', ownershipPercent: 62.5 },
      ],
    });
    const submitted = (await (await act(officer, business.id, 'submit')).json()) as CustomerBody;
    expect(submitted.relatedParties.map((p) => p.screeningStatus)).toEqual(['clear', 'clear']);
    const screening = (await (await officer.agent.get(`/v1/customers/${business.id}/screening`)).json()) as {
      kind: string;
    }[];
    expect(screening.map((s) => s.kind)).toEqual(['customer', 'related_party', 'related_party']);

    const added = await officer.agent.post(`/v1/customers/${business.id}/related-parties`, {
      role: 'beneficial_owner',
      partyType: 'individual',
      fullName: 'Hidden Owner',
      isPep: true,
    });
    expect(added.status).toBe(201);
    const withPep = (await added.json()) as CustomerBody;
    expect(withPep.eddRequired).toBe(true);
    expect(withPep.eddReasons.join(' ')).toContain('Hidden Owner');
  });

  it('keeps documents with their verification and lets an officer decide once', async () => {
    const officer = await api.session(['compliance_officer']);
    const customer = await create(officer, { type: 'individual', fullName: 'Doc Holder' });
    const added = await officer.agent.post(`/v1/customers/${customer.id}/documents`, {
      type: 'passport',
      number: 'C01X00T47',
      issuingCountry: 'DE',
      expiresOn: '2031-01-01',
    });
    expect(added.status).toBe(201);
    const document = (await added.json()) as { id: string; verificationStatus: string; provider: string };
    expect(document).toMatchObject({ verificationStatus: 'pending_review', provider: 'manual_review' });
    const badCountry = await officer.agent.post(`/v1/customers/${customer.id}/documents`, {
      type: 'passport',
      issuingCountry: 'QQ',
    });
    expect(badCountry.status).toBe(400);
    const verify = `/v1/customers/${customer.id}/documents/${document.id}/verify`;
    expect((await officer.agent.post(verify, { decision: 'rejected' })).status).toBe(400);
    const verified = await officer.agent.post(verify, { decision: 'verified' });
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { verificationStatus: string }).verificationStatus).toBe('verified');
    expect((await officer.agent.post(verify, { decision: 'rejected', reason: 'changed mind' })).status).toBe(409);
    const listed = (await (await officer.agent.get(`/v1/customers/${customer.id}/documents`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
  });

  it('seeds the demo tenant with customers in various states', async () => {
    const demo = await tenantIdOf('demo');
    const customers = api.app.get(CustomerService);
    const byRef = new Map<string | null, CustomerEntityView>();
    for (const ref of ['demo-cust-0002', 'demo-cust-0003', 'demo-biz-0002', 'demo-biz-0003']) {
      const { items } = await customers.list(demo, { limit: 5, offset: 0, search: ref });
      for (const c of items) byRef.set(c.externalRef, c);
    }
    expect(byRef.get('demo-cust-0002')).toMatchObject({ isPep: true, kycStatus: 'approved', eddRequired: true });
    // Seeded in review; the browser suite (same database, any order) approves it from the review queue.
    expect(byRef.get('demo-cust-0003')).toMatchObject({ riskRating: 'high', eddRequired: true });
    expect(['review', 'approved']).toContain(byRef.get('demo-cust-0003')?.kycStatus);
    expect(byRef.get('demo-biz-0002')?.kycStatus).toBe('draft');
    expect(byRef.get('demo-biz-0003')?.kycStatus).toBe('rejected');
  });

  it("hides another tenant's customers (404)", async () => {
    const a = await api.session(['compliance_officer']);
    const b = await api.session(['compliance_officer']);
    const customer = await create(a, { type: 'individual', fullName: 'Tenant A Person' });
    const drafted = await a.agent.get(`/v1/customers/${customer.id}/screening`);
    expect(drafted.status).toBe(200);
    expect(((await drafted.json()) as { status: string }[])[0]?.status).toBe('clear');
    expect((await b.agent.get(`/v1/customers/${customer.id}/screening`)).status).toBe(404);
    const res = await b.agent.get(`/v1/customers/${customer.id}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Problem).code).toBe('customers/not_found');
    expect((await b.agent.request('PATCH', `/v1/customers/${customer.id}`, { body: { occupation: 'x' } })).status).toBe(
      404,
    );
    expect((await act(b, customer.id, 'submit')).status).toBe(404);
    const list = (await (await b.agent.get('/v1/customers')).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  it("changes the risk matrix only with a second person's approval, then re-rates with it", async () => {
    const a = await api.session(['compliance_officer']);
    const b = await api.sessionInTenant(a.tenantSlug, ['compliance_officer']);
    const overview = (await (await a.agent.get('/v1/risk-matrix')).json()) as {
      active: { version: number; definition: Record<string, unknown> };
      draft: unknown;
    };
    expect(overview.active.version).toBe(1);
    expect(overview.draft).toBeNull();
    const earlyPep = await create(a, { type: 'individual', fullName: 'Early Pep', isPep: true });
    expect(earlyPep.risk).toMatchObject({ rating: 'medium', matrixVersion: 1 });

    const invalid = await a.agent.request('PUT', '/v1/risk-matrix/draft', {
      body: { definition: { ...overview.active.definition, pep: { points: -5 } } },
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as Problem).code).toBe('customers/risk_matrix_invalid');

    const draft = await a.agent.request('PUT', '/v1/risk-matrix/draft', {
      body: { definition: { ...overview.active.definition, pep: { points: 70 } } },
    });
    expect(draft.status).toBe(200);
    expect(((await draft.json()) as { version: number; status: string }).version).toBe(2);

    const submitted = await a.agent.post('/v1/risk-matrix/draft/submit');
    expect(submitted.status).toBe(202);
    const { approval } = (await submitted.json()) as { approval: { id: string; contentHash: string } };

    const self = await a.agent.post(`/v1/approvals/${approval.id}/approve`, { contentHash: approval.contentHash });
    expect(self.status).toBe(403);
    expect(
      ((await (await a.agent.get('/v1/risk-matrix')).json()) as { active: { version: number } }).active.version,
    ).toBe(1);

    const approved = await b.agent.post(`/v1/approvals/${approval.id}/approve`, { contentHash: approval.contentHash });
    expect(approved.status).toBe(200);
    const after = (await (await a.agent.get('/v1/risk-matrix')).json()) as {
      active: { version: number };
      draft: unknown;
      versions: { version: number; status: string }[];
    };
    expect(after.active.version).toBe(2);
    expect(after.draft).toBeNull();
    expect(after.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);

    // New ratings use version 2: a PEP alone is now high (70, plus 5 + 5 for no product and no channel).
    const pep = await create(a, { type: 'individual', fullName: 'New Pep', isPep: true });
    expect(pep.risk).toMatchObject({ rating: 'high', matrixVersion: 2, score: 80 });

    // Customers rated before are re-rated by the job the activation enqueued (run here directly).
    expect(await api.app.get(CustomerRatingService).rerateAll(await tenantIdOf(a.tenantSlug))).toBeGreaterThanOrEqual(
      1,
    );
    const rerated = (await (await a.agent.get(`/v1/customers/${earlyPep.id}`)).json()) as CustomerBody;
    expect(rerated.risk).toMatchObject({ rating: 'high', matrixVersion: 2 });
  });

  it('opens periodic review tasks when due (idempotent), and completing one approves again', async () => {
    const officer = await api.session(['compliance_officer']);
    const tenantId = await tenantIdOf(officer.tenantSlug);
    const customer = await create(officer, { type: 'individual', fullName: 'Periodic Person', nationalities: ['FR'] });
    await act(officer, customer.id, 'submit');
    const approved = (await (await act(officer, customer.id, 'approve', { reason: 'ok' })).json()) as CustomerBody;
    const reviews = api.app.get(CustomerReviewService);

    expect(await reviews.openDue(tenantId, new Date())).toBe(0);
    const later = new Date(new Date(approved.nextReviewAt ?? 0).getTime() + 86_400_000);
    expect(await reviews.openDue(tenantId, later)).toBe(1);
    expect(await reviews.openDue(tenantId, later)).toBe(0);

    const open = (await (await officer.agent.get('/v1/customers/reviews?status=open')).json()) as {
      id: string;
      customerId: string;
      reason: string;
    }[];
    expect(open).toEqual([expect.objectContaining({ customerId: customer.id, reason: 'periodic' })]);
    const inReview = (await (await officer.agent.get(`/v1/customers/${customer.id}`)).json()) as CustomerBody;
    expect(inReview.kycStatus).toBe('review');

    const claimed = await officer.agent.post(`/v1/customers/reviews/${open[0]?.id}/claim`);
    expect(claimed.status).toBe(200);
    const completed = await officer.agent.post(`/v1/customers/reviews/${open[0]?.id}/complete`, {
      reason: 'still fine',
    });
    expect(completed.status).toBe(200);
    expect((await completed.json()) as { status: string; outcome: string }).toMatchObject({
      status: 'done',
      outcome: 'approved',
    });
    const again = (await (await officer.agent.get(`/v1/customers/${customer.id}`)).json()) as CustomerBody;
    expect(again.kycStatus).toBe('approved');
    expect((await (await officer.agent.get('/v1/customers/reviews?status=open')).json()) as unknown[]).toEqual([]);
  });
});
