import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '@platform/testing';
import { startTestApi, type TestApi } from '@apps/api/testing';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  correlationId: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body).toMatchObject({ status, code, type: `urn:verity:problem:${code}` });
  expect(body.correlationId).toBe(res.headers.get('x-request-id'));
  return body;
}

describe('HTTP platform (composed api over real HTTP)', () => {
  let api: TestApi;
  let anonymous: HttpAgent;

  beforeAll(async () => {
    api = await startTestApi({ HTTP_BODY_LIMIT: '64kb' });
    anonymous = new HttpAgent(api.baseUrl);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('health', () => {
    it('answers liveness and readiness (database, queue backend, migrations)', async () => {
      expect((await anonymous.get('/health/live')).status).toBe(200);
      const ready = await anonymous.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        checks: { database: { status: 'up' }, queue: { status: 'up' }, migrations: { status: 'up' } },
      });
    });
  });

  describe('errors are RFC 9457 problem+json with a stable code and a correlation id', () => {
    it('malformed JSON is a 400, not a 500', async () => {
      const res = await anonymous.request('POST', '/v1/auth/sign-in', {
        rawBody: '{"tenant": "demo",',
        headers: { 'content-type': 'application/json' },
      });
      await expectProblem(res, 400, 'platform/malformed_json');
    });

    it('an oversized body is a 413', async () => {
      const res = await anonymous.post('/v1/auth/sign-in', {
        tenant: 'demo',
        email: 'a@b.co',
        password: 'x'.repeat(70_000),
      });
      await expectProblem(res, 413, 'platform/payload_too_large');
    });

    it('unknown fields and invalid values are refused with every violation listed', async () => {
      const res = await anonymous.post('/v1/auth/sign-in', {
        tenant: 'demo',
        email: 'not-an-email',
        password: 'x',
        admin: true,
      });
      const body = await expectProblem(res, 400, 'platform/validation_failed');
      expect(body.errors?.map((e) => e.field).sort()).toEqual(['admin', 'email']);
    });

    it('an unknown API route is a 404 problem', async () => {
      await expectProblem(await anonymous.get('/v1/no-such-thing'), 404, 'platform/not_found');
    });

    it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
      const given = await anonymous.get('/v1/no-such-thing', { 'x-request-id': 'trace-abc.123' });
      expect(given.headers.get('x-request-id')).toBe('trace-abc.123');
      const hostile = await anonymous.get('/v1/no-such-thing', { 'x-request-id': 'bad id <script>"' });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('security headers', () => {
    it('sends a content security policy and the usual hardening headers', async () => {
      const res = await anonymous.get('/health/live');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('metrics and API docs', () => {
    it('exposes Prometheus metrics with HTTP latency, queue depth and outbox lag', async () => {
      await anonymous.get('/health/live');
      await anonymous.get('/health/ready');
      const res = await anonymous.get('/metrics');
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/verity_http_request_duration_seconds_bucket\{[^}]*route="\/health\/ready"/);
      expect(text).toMatch(/verity_queue_jobs\{queue="identity",state="waiting"\}/);
      expect(text).toContain('verity_outbox_lag_seconds');
      expect(text).toContain('verity_outbox_pending_jobs');
    });

    it('serves the OpenAPI document and the docs page', async () => {
      const doc = (await (await anonymous.get('/api/docs/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/auth/sign-in', '/v1/overview']));
      expect((await anonymous.get('/api/docs')).status).toBe(200);
    });
  });

  describe('admin UI', () => {
    it('serves the built UI at / and deep links (single-page app fallback)', async () => {
      for (const path of ['/', '/sign-in', '/cases']) {
        const res = await anonymous.get(path, { accept: 'text/html' });
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('<div id="root">');
      }
    });
  });
});
