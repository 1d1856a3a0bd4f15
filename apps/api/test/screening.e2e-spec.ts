import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import {
  ListImportJobService,
  RescreenJobService,
  SubjectScreener,
  type ScreeningSubjectInput,
  type SubjectScreeningOutcome,
} from '@domains/screening';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';
import { createWorkerApp } from '@apps/worker';
import { HttpAgent, testConfig } from '@platform/testing';

/** A small OFAC SDN sample in the legacy CSV layout (no header, `-0-` for empty), with real entries. */
const SDN_V1 = [
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '20157,"KIM, Jong Un","individual","DPRK3","Chairman of the Workers\' Party of Korea",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Jan 1984."',
  '22790,"MADURO MOROS, Nicolas","individual","VENEZUELA","President",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 23 Nov 1962; POB Caracas, Venezuela; citizen Venezuela."',
].join('\n');
const ALT_V1 = '36,12,"aka","AERO-CARIBBEAN",-0- ';
/** v2: 36 removed, 20157 changed (its remarks), 306 added, 22790 unchanged. */
const SDN_V2 = [
  '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."',
  '20157,"KIM, Jong Un","individual","DPRK3","Chairman of the Workers\' Party of Korea",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Jan 1984; nationality Korea, North."',
  '22790,"MADURO MOROS, Nicolas","individual","VENEZUELA","President",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 23 Nov 1962; POB Caracas, Venezuela; citizen Venezuela."',
].join('\n');

interface VersionView {
  id: string;
  listId: string;
  number: number;
  status: string;
  progress: number;
  entryCount: number | null;
  addedCount: number | null;
  removedCount: number | null;
  changedCount: number | null;
  error: string | null;
  rescreenStatus: string | null;
}
interface CheckHitView {
  listSource: string;
  entryExternalId: string;
  score: number;
  explanation: string[];
}
interface ListView {
  id: string;
  source: string;
  activeVersion: VersionView | null;
}
interface HitView {
  id: string;
  subjectId: string;
  subjectKind: string;
  listSource: string;
  entryExternalId: string;
  entryName: string;
  matchedName: string;
  score: number;
  status: string;
  explanation: { summary: string[] };
  subject?: Record<string, unknown> | null;
  entry?: Record<string, unknown> | null;
}

describe('screening', () => {
  let api: TestApi;
  let officer: TestSession;
  let tenantId: string;

  const tenantOf = async (session: TestSession): Promise<string> =>
    ((await (await session.agent.get('/v1/auth/session')).json()) as { tenant: { id: string } }).tenant.id;

  const expectProblem = async (res: Response, status: number, code?: string): Promise<void> => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (code !== undefined) expect(await res.json()).toMatchObject({ status, code });
  };

  /** Requests an import and runs its job the way the worker does (in-process, so the test is deterministic). */
  const importList = async (
    session: TestSession,
    tenant: string,
    source: string,
    files: Record<string, string>,
  ): Promise<VersionView> => {
    const res = await session.agent.post(`/v1/screening/lists/${source}/imports`, { files });
    expect(res.status).toBe(202);
    const requested = (await res.json()) as VersionView;
    expect(requested.status).toBe('importing');
    await api.app.get(ListImportJobService).run(tenant, requested.id);
    const versions = (await (await session.agent.get(`/v1/screening/lists/${requested.listId}/versions`)).json()) as {
      versions: VersionView[];
    };
    const done = versions.versions.find((v) => v.id === requested.id);
    if (!done) throw new Error('the imported version is not listed');
    return done;
  };

  const lists = async (session: TestSession): Promise<ListView[]> =>
    ((await (await session.agent.get('/v1/screening/lists')).json()) as { lists: ListView[] }).lists;

  const check = (session: TestSession, body: Record<string, unknown>): Promise<Response> =>
    session.agent.post('/v1/screening/check', body);

  const screen = (tenant: string, subject: ScreeningSubjectInput): Promise<SubjectScreeningOutcome> =>
    api.app
      .get(TransactionRunner)
      .run((tx) => api.app.get(SubjectScreener).screenSubject(tx, tenant, subject), { tenantId: tenant });

  const hits = async (session: TestSession, query: string): Promise<HitView[]> =>
    ((await (await session.agent.get(`/v1/screening/hits?${query}`)).json()) as { hits: HitView[] }).hits;

  let v1: VersionView;

  beforeAll(async () => {
    api = await startTestApi();
    officer = await api.session(['compliance_officer']);
    tenantId = await tenantOf(officer);
    v1 = await importList(officer, tenantId, 'ofac_sdn', { sdn: SDN_V1, alt: ALT_V1 });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('imports a list as a job: a first version, active, every entry added', async () => {
    expect(v1).toMatchObject({ number: 1, status: 'active', progress: 100, entryCount: 3, addedCount: 3 });
    expect(v1).toMatchObject({ removedCount: 0, changedCount: 0, error: null });
    const [ofac] = await lists(officer);
    expect(ofac).toMatchObject({ source: 'ofac_sdn', activeVersion: { id: v1.id, number: 1 } });
    const delta = (await (await officer.agent.get(`/v1/screening/lists/${v1.listId}/versions/1/delta`)).json()) as {
      deltas: { change: string; externalId: string }[];
    };
    expect(delta.deltas.map((d) => `${d.change}:${d.externalId}`).sort()).toEqual([
      'added:20157',
      'added:22790',
      'added:36',
    ]);
  });

  it('answers a real name with its hit, best first, with score and explanation', async () => {
    const res = await check(officer, { name: 'Nicolas Maduro Moros', entityType: 'individual' });
    expect(res.status).toBe(200);
    const { hits: found } = (await res.json()) as { hits: CheckHitView[] };
    expect(found[0]).toMatchObject({ listSource: 'ofac_sdn', entryExternalId: '22790' });
    expect(found[0]?.score).toBeGreaterThan(0.8);
    expect(found[0]?.explanation.length).toBeGreaterThan(0);
    for (let i = 1; i < found.length; i += 1) expect(found[i - 1].score).toBeGreaterThanOrEqual(found[i].score);
  });

  it('still matches homoglyph, zero-width and right-to-left tricks', async () => {
    // Cyrillic 'а' and 'о' for Latin a and o, a zero-width space, and a right-to-left override.
    for (const name of ['Nicоlas Mаduro Moros', 'Nico\u200blas Maduro Moros', '\u202eNicolas Maduro Moros']) {
      const res = await check(officer, { name });
      expect(res.status).toBe(200);
      const { hits: found } = (await res.json()) as { hits: HitView[] };
      expect(found[0]?.entryExternalId).toBe('22790');
    }
  });

  it('refuses an empty name (422), a 10,000+ character name (413) and an unknown entity type (400)', async () => {
    await expectProblem(await check(officer, { name: '' }), 422, 'screening/name_empty');
    await expectProblem(await check(officer, { name: ' \u200b\u202e ' }), 422, 'screening/name_empty');
    await expectProblem(await check(officer, { name: 'a'.repeat(10_001) }), 413, 'screening/name_too_long');
    await expectProblem(await check(officer, { name: 'Nicolas', entityType: 'alien' }), 400);
    await expectProblem(await check(officer, {}), 400);
    // 10,000 characters exactly is answered, quickly and without a crash.
    const long = await check(officer, { name: 'Maduro '.repeat(1_428) });
    expect(long.status).toBe(200);
  });

  it('is open to integration keys', async () => {
    const admin = await api.sessionInTenant(officer.tenantSlug, ['admin']);
    const created = (await (
      await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' })
    ).json()) as { key: string };
    const machine = new HttpAgent(api.baseUrl);
    const res = await machine.request('POST', '/v1/screening/check', {
      body: { name: 'Jong Un Kim' },
      headers: { authorization: `Bearer ${created.key}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { hits: HitView[] }).hits[0]?.entryExternalId).toBe('20157');
    // ...but an integration key cannot import lists.
    const refused = await machine.request('POST', '/v1/screening/lists/ofac_sdn/imports', {
      body: { files: { sdn: SDN_V1 } },
      headers: { authorization: `Bearer ${created.key}` },
    });
    expect(refused.status).toBe(403);
  });

  it('refuses bad import requests with nothing stored', async () => {
    await expectProblem(
      await officer.agent.post('/v1/screening/lists/nope/imports', { files: { sdn: SDN_V1 } }),
      404,
      'screening/list_source_unknown',
    );
    await expectProblem(
      await officer.agent.post('/v1/screening/lists/ofac_sdn/imports', { files: { xml: '<x/>' } }),
      400,
      'screening/import_files_invalid',
    );
    await expectProblem(
      await officer.agent.post('/v1/screening/lists/ofac_sdn/imports', { files: { sdn: 'x', bogus: 'y' } }),
      400,
    );
    const [ofac] = await lists(officer);
    const versions = (await (await officer.agent.get(`/v1/screening/lists/${ofac.id}/versions`)).json()) as {
      versions: VersionView[];
    };
    expect(versions.versions.map((v) => v.number)).toEqual([1]);
  });

  it('marks a malformed file failed with a clear error and keeps the previous version active', async () => {
    const broken = await importList(officer, tenantId, 'ofac_sdn', {
      sdn: '22790,"MADURO MOROS, Nicolas,"individual","VENEZUELA\n36,"AERO',
    });
    expect(broken.status).toBe('failed');
    expect(broken.error).toEqual(expect.any(String));
    expect(broken.error!.length).toBeGreaterThan(5);
    const [ofac] = await lists(officer);
    expect(ofac?.activeVersion?.id).toBe(v1.id);
    // Screening still answers from the active version.
    const res = await check(officer, { name: 'Nicolas Maduro Moros' });
    expect(((await res.json()) as { hits: HitView[] }).hits[0]?.entryExternalId).toBe('22790');

    const wrongRoot = await importList(officer, tenantId, 'un_consolidated', {
      xml: '<?xml version="1.0"?><SANCTIONS><INDIVIDUALS/></SANCTIONS>',
    });
    expect(wrongRoot).toMatchObject({ status: 'failed' });
    expect(wrongRoot.error).toMatch(/CONSOLIDATED_LIST/);
    const un = (await lists(officer)).find((l) => l.source === 'un_consolidated');
    expect(un?.activeVersion).toBeNull();
  });

  it('accepts the files as multipart uploads', async () => {
    const other = await api.session(['compliance_officer']);
    const boundary = 'verity-test-boundary';
    const part = (name: string, text: string): string =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n`;
    const res = await other.agent.request('POST', '/v1/screening/lists/ofac_sdn/imports', {
      rawBody: `${part('sdn', SDN_V1)}${part('alt', ALT_V1)}--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(202);
    const version = (await res.json()) as VersionView;
    await api.app.get(ListImportJobService).run(await tenantOf(other), version.id);
    const [ofac] = await lists(other);
    expect(ofac?.activeVersion).toMatchObject({ id: version.id, entryCount: 3 });
  });

  it('imports a PEP list in the documented JSON format and screens against it with the public lists', async () => {
    const pep = JSON.stringify({
      entries: [
        { id: 'PEP-001', name: 'DOE, Jane', type: 'individual', datesOfBirth: ['1961-04-12'], programs: ['PEP'] },
      ],
    });
    const res = await officer.agent.post('/v1/screening/lists/pep/imports', { files: { list: pep }, format: 'json' });
    expect(res.status).toBe(202);
    const requested = (await res.json()) as VersionView;
    expect(await api.app.get(ListImportJobService).run(tenantId, requested.id)).toBe('activated');
    const found = (await (await check(officer, { name: 'Jane Doe', dateOfBirth: '1961-04-12' })).json()) as {
      hits: CheckHitView[];
    };
    expect(found.hits[0]).toMatchObject({ listSource: 'pep', entryExternalId: 'PEP-001' });
    expect((await lists(officer)).map((l) => l.source).sort()).toEqual(['ofac_sdn', 'pep', 'un_consolidated']);
  });

  it('adjudicates hits; a false positive suppresses the pair until the subject changes', async () => {
    const subject: ScreeningSubjectInput = {
      kind: 'customer',
      subjectId: 'cust-maduro',
      name: 'Nicolas Maduro Moros',
      entityType: 'individual',
    };
    const first = await screen(tenantId, subject);
    expect(first.status).toBe('potential_match');
    expect(first.hits[0]?.entryExternalId).toBe('22790');

    const open = await hits(officer, 'status=open&subjectKind=customer');
    const hit = open.find((h) => h.subjectId === 'cust-maduro');
    expect(hit).toMatchObject({ listSource: 'ofac_sdn', entryExternalId: '22790', status: 'open' });

    const detail = (await (await officer.agent.get(`/v1/screening/hits/${hit!.id}`)).json()) as HitView;
    expect(detail.subject).toMatchObject({ name: 'Nicolas Maduro Moros' });
    expect(detail.entry).toMatchObject({ externalId: '22790' });

    await expectProblem(
      await officer.agent.post(`/v1/screening/hits/${hit!.id}/adjudication`, { decision: 'maybe', reason: 'x' }),
      400,
    );
    await expectProblem(
      await officer.agent.post(`/v1/screening/hits/${hit!.id}/adjudication`, {
        decision: 'false_positive',
        reason: ' ',
      }),
      400,
    );
    const decided = await officer.agent.post(`/v1/screening/hits/${hit!.id}/adjudication`, {
      decision: 'false_positive',
      reason: 'Different person: a namesake born in 1990',
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({
      status: 'false_positive',
      adjudicationReason: 'Different person: a namesake born in 1990',
    });
    await expectProblem(
      await officer.agent.post(`/v1/screening/hits/${hit!.id}/adjudication`, { decision: 'true_match', reason: 'x' }),
      409,
      'screening/hit_already_adjudicated',
    );

    // The same snapshot again: suppressed, the subject is clear.
    const again = await screen(tenantId, subject);
    expect(again.status).toBe('clear');
    expect((await hits(officer, 'status=open')).filter((h) => h.subjectId === 'cust-maduro')).toHaveLength(0);

    // The subject changed (a date of birth now): the pair opens again.
    const changed = await screen(tenantId, { ...subject, dateOfBirth: '1962-11-23' });
    expect(changed.status).toBe('potential_match');
    const reopened = (await hits(officer, 'status=open')).filter((h) => h.subjectId === 'cust-maduro');
    expect(reopened).toHaveLength(1);
    expect(reopened[0]?.id).not.toBe(hit!.id);

    // Confirmed: the outcome says so.
    await officer.agent.post(`/v1/screening/hits/${reopened[0].id}/adjudication`, {
      decision: 'true_match',
      reason: 'Same date of birth and name',
    });
    const confirmed = await screen(tenantId, { ...subject, dateOfBirth: '1962-11-23' });
    expect(confirmed.status).toBe('confirmed_match');
    // The stored outcome, as the customers domain reads it without screening again.
    const stored = await api.app
      .get(TransactionRunner)
      .run((tx) => api.app.get(SubjectScreener).outcomeOf(tx, tenantId, 'customer', 'cust-maduro'), { tenantId });
    expect(stored).toMatchObject({ status: 'confirmed_match', hits: [{ entryExternalId: '22790' }] });
    expect(stored.bestScore).toBeGreaterThan(0.8);
  });

  it('computes the delta of a re-import and re-screens subjects against added and changed entries', async () => {
    const bank: ScreeningSubjectInput = {
      kind: 'counterparty',
      subjectId: 'cp-bnc',
      name: 'Banco Nacional de Cuba',
      entityType: 'organisation',
    };
    expect((await screen(tenantId, bank)).status).toBe('clear');

    const v2 = await importList(officer, tenantId, 'ofac_sdn', { sdn: SDN_V2 });
    expect(v2).toMatchObject({ status: 'active', entryCount: 3, addedCount: 1, removedCount: 1, changedCount: 1 });
    expect(v2.rescreenStatus).toBe('queued');
    const delta = (await (
      await officer.agent.get(`/v1/screening/lists/${v2.listId}/versions/${v2.number}/delta`)
    ).json()) as { deltas: { change: string; externalId: string }[] };
    expect(delta.deltas.map((d) => `${d.change}:${d.externalId}`).sort()).toEqual([
      'added:306',
      'changed:20157',
      'removed:36',
    ]);
    const [ofac] = await lists(officer);
    expect(ofac?.activeVersion?.id).toBe(v2.id);
    const versions = (await (await officer.agent.get(`/v1/screening/lists/${v2.listId}/versions`)).json()) as {
      versions: VersionView[];
    };
    expect(versions.versions.find((v) => v.id === v1.id)?.status).toBe('superseded');

    expect(await api.app.get(RescreenJobService).run(tenantId, v2.id)).toBe('done');
    const bankHits = (await hits(officer, 'status=open&subjectKind=counterparty')).filter(
      (h) => h.subjectId === 'cp-bnc',
    );
    expect(bankHits.map((h) => h.entryExternalId)).toEqual(['306']);
    // A redelivered job changes nothing.
    expect(await api.app.get(RescreenJobService).run(tenantId, v2.id)).toBe('skipped');
    const after = (await (await officer.agent.get(`/v1/screening/lists/${v2.listId}/versions`)).json()) as {
      versions: VersionView[];
    };
    expect(after.versions.find((v) => v.id === v2.id)).toMatchObject({ rescreenStatus: 'done' });
  });

  it('reports precision and recall per threshold from adjudicated hits', async () => {
    const session = await api.session(['compliance_officer']);
    const tenant = await tenantOf(session);
    await importList(session, tenant, 'ofac_sdn', { sdn: SDN_V1 });
    await screen(tenant, { kind: 'customer', subjectId: 'a', name: 'Nicolas Maduro Moros', entityType: 'individual' });
    await screen(tenant, { kind: 'customer', subjectId: 'b', name: 'Kim Jong Un', entityType: 'individual' });
    const open = await hits(session, 'status=open');
    expect(open).toHaveLength(2);
    const byEntry = new Map(open.map((h) => [h.entryExternalId, h]));
    await session.agent.post(`/v1/screening/hits/${byEntry.get('22790')!.id}/adjudication`, {
      decision: 'true_match',
      reason: 'confirmed',
    });
    await session.agent.post(`/v1/screening/hits/${byEntry.get('20157')!.id}/adjudication`, {
      decision: 'false_positive',
      reason: 'namesake',
    });
    const report = (await (await session.agent.get('/v1/screening/tuning')).json()) as {
      lists: {
        listSource: string;
        adjudicated: number;
        trueMatches: number;
        falsePositives: number;
        points: { threshold: number; precision: number | null; recall: number | null }[];
        suggestedThreshold: number | null;
      }[];
    };
    const ofac = report.lists.find((l) => l.listSource === 'ofac_sdn');
    expect(ofac).toMatchObject({ adjudicated: 2, trueMatches: 1, falsePositives: 1 });
    expect(ofac?.points.map((p) => p.threshold)).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]);
    // Both hits score above 0.5: at 0.5 one of two flagged hits is true (precision 0.5), and the one true match is found.
    expect(ofac?.points[0]).toMatchObject({ threshold: 0.5, precision: 0.5, recall: 1 });
    expect(report.lists.map((l) => l.listSource)).toEqual(['ofac_sdn', 'all']);
  });

  it('runs imports and re-screening in the worker, with progress readable over the API', async () => {
    const worker = await createWorkerApp(testConfig());
    try {
      const session = await api.session(['compliance_officer']);
      const tenant = await tenantOf(session);
      await screen(tenant, { kind: 'customer', subjectId: 'c1', name: 'Kim Jong Un', entityType: 'individual' });
      const res = await session.agent.post('/v1/screening/lists/ofac_sdn/imports', { files: { sdn: SDN_V1 } });
      const requested = (await res.json()) as VersionView;
      let version: VersionView | undefined;
      // Bounded by the test timeout: the worker may first finish the demo tenant's imports.
      for (;;) {
        const { versions } = (await (
          await session.agent.get(`/v1/screening/lists/${requested.listId}/versions`)
        ).json()) as { versions: VersionView[] };
        version = versions.find((v) => v.id === requested.id);
        if (version?.status !== 'importing' && version?.rescreenStatus === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(version).toMatchObject({ status: 'active', progress: 100, entryCount: 3 });
      // The first import added every entry, so the existing customer was re-screened against it.
      const found = await hits(session, 'status=open');
      expect(found.map((h) => `${h.subjectId}:${h.entryExternalId}`)).toEqual(['c1:20157']);
    } finally {
      await worker.close();
    }
  }, 180_000);

  it('keeps tenants apart: another tenant’s hits, lists and versions are not found', async () => {
    const [hit] = await hits(officer, '');
    const [ofac] = await lists(officer);
    const stranger = await api.session(['compliance_officer']);
    await expectProblem(await stranger.agent.get(`/v1/screening/hits/${hit.id}`), 404, 'screening/not_found');
    await expectProblem(
      await stranger.agent.post(`/v1/screening/hits/${hit.id}/adjudication`, {
        decision: 'true_match',
        reason: 'x',
      }),
      404,
    );
    await expectProblem(await stranger.agent.get(`/v1/screening/lists/${ofac.id}/versions`), 404);
    await expectProblem(await stranger.agent.get(`/v1/screening/lists/${ofac.id}/versions/1/delta`), 404);
    expect(await hits(stranger, '')).toEqual([]);
    // Its own (empty) index: the other tenant's lists do not match.
    const res = await check(stranger, { name: 'Nicolas Maduro Moros' });
    expect(((await res.json()) as { hits: HitView[] }).hits).toEqual([]);
  });
});
