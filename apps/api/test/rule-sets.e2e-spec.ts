import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { TenantRepository } from '@domains/identity';
import { defaultAmlRuleSet } from '@domains/monitoring';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface RuleSetBody {
  id: string;
  name: string;
  version: number;
  status: string;
  contentHash: string;
  document: { rules: { name: string }[]; thresholds: { review: number; block: number } };
  pendingApproval: { id: string; contentHash: string } | null;
}

interface ProblemBody {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

const bigAmountRule = {
  name: 'big-amount',
  conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 50_000 }] },
  event: { type: 'large', params: { message: 'Amount of 50,000 or more', action: 'review', weight: 0.3 } },
};

const document = (rules: unknown[] = [bigAmountRule], thresholds = { review: 0.5, block: 0.9 }) => ({
  rules,
  thresholds,
});

describe('rule-set lifecycle over HTTP (validation, four-eyes publication, diff, dry run)', () => {
  let api: TestApi;
  let officer: TestSession;

  beforeAll(async () => {
    api = await startTestApi();
    officer = await api.session(['compliance_officer']);
  });

  afterAll(async () => {
    await api?.close();
  });

  const sql = async <T>(tenantSlug: string, query: string, params: unknown[] = []): Promise<T[]> => {
    const tenant = await api.app.get(TenantRepository).findBySlug(tenantSlug);
    if (!tenant) throw new Error(`no tenant ${tenantSlug}`);
    return api.app.get(TransactionRunner).run<T[]>((tx) => tx.query(query, params), { tenantId: tenant.id });
  };

  const create = async (session: TestSession, body: unknown): Promise<Response> =>
    session.agent.post('/v1/rule-sets', body);

  const createDraft = async (session: TestSession, rules: unknown[] = [bigAmountRule]): Promise<RuleSetBody> => {
    const res = await create(session, { name: 'Baseline', document: document(rules) });
    expect(res.status).toBe(201);
    return (await res.json()) as RuleSetBody;
  };

  const approve = async (session: TestSession, approvalId: string): Promise<Response> => {
    const view = (await (await session.agent.get(`/v1/approvals/${approvalId}`)).json()) as { contentHash: string };
    return session.agent.post(`/v1/approvals/${approvalId}/approve`, { contentHash: view.contentHash });
  };

  it('refuses a document with an unknown fact and an unknown operator (422 with paths), storing nothing', async () => {
    const author = await api.session(['compliance_officer']);
    const res = await create(author, {
      name: 'Broken',
      document: document([
        {
          ...bigAmountRule,
          conditions: {
            all: [
              { fact: 'amountInMoonUnits', operator: 'greaterThan', value: 1 },
              { fact: 'amount', operator: 'isHuge', value: 1 },
            ],
          },
        },
      ]),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as ProblemBody;
    expect(problem.code).toBe('monitoring/rule_set_invalid');
    const fields = (problem.errors ?? []).map((e) => e.field);
    expect(fields).toContain('rules[0].conditions.all[0].fact');
    expect(fields).toContain('rules[0].conditions.all[1].operator');
    expect(await sql(author.tenantSlug, 'SELECT id FROM monitoring_rule_sets')).toHaveLength(0);
    expect((await (await author.agent.get('/v1/rule-sets')).json()) as unknown[]).toHaveLength(0);
  });

  it('refuses an update of a draft with an invalid document, keeping the draft as it was', async () => {
    const draft = await createDraft(officer);
    const res = await officer.agent.request('PUT', `/v1/rule-sets/${draft.id}`, {
      body: { document: document([bigAmountRule], { review: 0.9, block: 0.5 }) },
    });
    expect(res.status).toBe(422);
    const stored = (await (await officer.agent.get(`/v1/rule-sets/${draft.id}`)).json()) as RuleSetBody;
    expect(stored.contentHash).toBe(draft.contentHash);
    expect(stored.document.thresholds).toEqual({ review: 0.5, block: 0.9 });
  });

  it('publishes only after a second person approves; the published version then decides', async () => {
    const author = await api.session(['compliance_officer']);
    const checker = await api.sessionInTenant(author.tenantSlug, ['compliance_officer']);
    const first = await createDraft(author);
    expect(first).toMatchObject({ version: 1, status: 'draft' });

    const submitted = await author.agent.post(`/v1/rule-sets/${first.id}/submit`);
    expect(submitted.status).toBe(202);
    const { approvalId } = (await submitted.json()) as { approvalId: string };
    const pending = (await (await author.agent.get(`/v1/rule-sets/${first.id}`)).json()) as RuleSetBody;
    expect(pending.status).toBe('pending_approval');
    expect(pending.pendingApproval?.id).toBe(approvalId);

    const own = await approve(author, approvalId);
    expect(own.status).toBe(403);
    expect(((await own.json()) as ProblemBody).code).toBe('approvals/self_approval');
    expect(((await (await author.agent.get(`/v1/rule-sets/${first.id}`)).json()) as RuleSetBody).status).toBe(
      'pending_approval',
    );

    expect((await approve(checker, approvalId)).status).toBe(200);
    const published = (await (await author.agent.get(`/v1/rule-sets/${first.id}`)).json()) as RuleSetBody;
    expect(published.status).toBe('published');

    const audit = await sql<{ action: string }>(
      author.tenantSlug,
      `SELECT action FROM audit_entries WHERE subject_type = 'rule_set' AND subject_id = $1 ORDER BY id`,
      [first.id],
    );
    expect(audit.map((a) => a.action)).toContain('monitoring.rule_set.published');

    // A second version replaces it on approval, and the first retires: one published at a time.
    const second = await createDraft(author, [bigAmountRule, defaultAmlRuleSet().rules[0]]);
    expect(second.version).toBe(2);
    const again = (await (await author.agent.post(`/v1/rule-sets/${second.id}/submit`)).json()) as {
      approvalId: string;
    };
    expect((await approve(checker, again.approvalId)).status).toBe(200);
    const list = (await (await author.agent.get('/v1/rule-sets')).json()) as RuleSetBody[];
    expect(list.map((r) => [r.version, r.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);

    // The real-time path reads the published version.
    const { PublishedConfigReader } = await import('@domains/monitoring');
    const tenant = await api.app.get(TenantRepository).findBySlug(author.tenantSlug);
    const reader = api.app.get(PublishedConfigReader);
    const current = await reader.publishedRuleSet(tenant!.id);
    expect(current).toMatchObject({ id: second.id, version: 2 });
    expect(current?.document.rules.map((r) => r.name)).toEqual(second.document.rules.map((r) => r.name));
  });

  it('does not publish a draft edited after it was submitted (the approval finds it changed)', async () => {
    const author = await api.session(['compliance_officer']);
    const checker = await api.sessionInTenant(author.tenantSlug, ['compliance_officer']);
    const draft = await createDraft(author);
    const { approvalId } = (await (await author.agent.post(`/v1/rule-sets/${draft.id}/submit`)).json()) as {
      approvalId: string;
    };
    const edited = await author.agent.request('PUT', `/v1/rule-sets/${draft.id}`, {
      body: { document: document([bigAmountRule], { review: 0.4, block: 0.9 }) },
    });
    expect(edited.status).toBe(200);
    const res = await approve(checker, approvalId);
    expect(res.status).toBe(409);
    expect(((await (await author.agent.get(`/v1/rule-sets/${draft.id}`)).json()) as RuleSetBody).status).toBe('draft');
  });

  it('diffs a draft against the published version', async () => {
    const author = await api.session(['compliance_officer']);
    const checker = await api.sessionInTenant(author.tenantSlug, ['compliance_officer']);
    const base = await createDraft(author);
    const noneYet = (await (await author.agent.get(`/v1/rule-sets/${base.id}/diff`)).json()) as {
      publishedVersion: number | null;
      added: string[];
    };
    expect(noneYet).toMatchObject({ publishedVersion: null, added: ['big-amount'] });
    const { approvalId } = (await (await author.agent.post(`/v1/rule-sets/${base.id}/submit`)).json()) as {
      approvalId: string;
    };
    expect((await approve(checker, approvalId)).status).toBe(200);

    const extra = defaultAmlRuleSet().rules[0];
    const changed = { ...bigAmountRule, event: { ...bigAmountRule.event, params: { message: 'Big', weight: 0.6 } } };
    const draft = await createDraft(author, [changed, extra]);
    const res = await author.agent.get(`/v1/rule-sets/${draft.id}/diff`);
    expect(res.status).toBe(200);
    const diff = (await res.json()) as {
      publishedVersion: number;
      added: string[];
      removed: string[];
      changed: { name: string; fields: string[] }[];
    };
    expect(diff.publishedVersion).toBe(1);
    expect(diff.added).toEqual([extra.name]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => c.name)).toEqual(['big-amount']);
    expect(diff.changed[0].fields).toEqual(
      expect.arrayContaining(['event.params.message', 'event.params.action', 'event.params.weight']),
    );
  });

  it('dry-runs a draft on fact samples with the compiled rules and the decision rule', async () => {
    const draft = await createDraft(officer, [
      bigAmountRule,
      {
        name: 'pep-block',
        conditions: { all: [{ fact: 'customerIsPep', operator: 'equal', value: 1 }] },
        event: { type: 'pep', params: { message: 'PEP', action: 'block', weight: 0.1 } },
      },
    ]);
    const res = await officer.agent.post(`/v1/rule-sets/${draft.id}/dry-run`, {
      samples: [
        { ref: 'small', amount: 100, customerIsPep: 0 },
        { ref: 'large', amount: 60_000, customerIsPep: 0 },
        { ref: 'pep', amount: 10, customerIsPep: 1 },
      ],
    });
    expect(res.status).toBe(200);
    const results = (await res.json()) as { ref: string; decision: string; fired: { name: string }[]; score: number }[];
    expect(results.map((r) => [r.ref, r.decision, r.fired.map((f) => f.name)])).toEqual([
      ['small', 'allow', []],
      ['large', 'review', ['big-amount']],
      ['pep', 'block', ['pep-block']],
    ]);
    expect(results[1].score).toBeCloseTo(0.3);
  });

  it('lists the facts rules may use, with their kinds', async () => {
    const res = await officer.agent.get('/v1/rule-sets/facts');
    expect(res.status).toBe(200);
    const facts = (await res.json()) as { name: string; kind: string }[];
    expect(facts).toContainEqual(expect.objectContaining({ name: 'amount', kind: 'number' }));
    expect(facts).toContainEqual(expect.objectContaining({ name: 'channel', kind: 'category' }));
  });

  it('lets analysts read but not write, and hides other tenants’ rule sets', async () => {
    const draft = await createDraft(officer);
    const analyst = await api.sessionInTenant(officer.tenantSlug, ['analyst']);
    expect((await analyst.agent.get(`/v1/rule-sets/${draft.id}`)).status).toBe(200);
    expect((await create(analyst, { name: 'x', document: document() })).status).toBe(403);
    const stranger = await api.session(['compliance_officer']);
    expect((await stranger.agent.get(`/v1/rule-sets/${draft.id}`)).status).toBe(404);
  });
});
