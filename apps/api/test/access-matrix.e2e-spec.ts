import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { HttpAgent } from '@platform/testing';
import { PERMISSIONS, ROLES, listHttpRoutes, roleGrants, type HttpRoute, type Role } from '@domains/identity';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

type CallerName = Role | 'anonymous';

/** One request of the sweep: who called which route, and what the api answered. */
interface Call {
  readonly route: HttpRoute;
  readonly caller: CallerName;
  readonly status: number;
  readonly code?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Well under the 600 requests a minute a new key is allowed: the sweep moves to a fresh key before reaching it. */
const REQUESTS_PER_KEY = 200;

/** Whether the AccessGuard should let this caller through, according to the declared matrix. */
function granted(route: HttpRoute, caller: CallerName): boolean {
  switch (route.access.kind) {
    case 'public':
    case 'outside_guard':
      return true;
    case 'permission':
      return caller !== 'anonymous' && roleGrants(caller, route.access.permission);
    case 'undeclared':
      return false;
  }
}

/** A concrete URL for a route: every parameter (`:id`, `*path`) becomes a random UUID, optional groups are kept. */
function concretePath(path: string): string {
  return path
    .replace(/[{}]/g, '')
    .replace(/:[A-Za-z0-9_]+/g, () => randomUUID())
    .replace(/\*[A-Za-z0-9_]*/g, () => randomUUID());
}

function describeCall(call: Call): string {
  return `${call.caller} ${call.route.method} ${call.route.path} → ${call.status}${call.code ? ` ${call.code}` : ''}`;
}

describe('role × route access matrix (composed api over real HTTP)', () => {
  const people = ROLES.filter((role) => role !== 'integration');
  let api: TestApi;
  let routes: HttpRoute[];
  const calls: Call[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    routes = listHttpRoutes(api.app);

    const sessions = new Map<Role, TestSession>();
    for (const role of people) sessions.set(role, await api.session([role]));
    // Integration keys are made by an admin of their own tenant, through the API, as a person would.
    const keyOwner = await api.session(['admin']);
    let key = '';
    let keyUses = REQUESTS_PER_KEY;
    /** The shared key, or a new one for a change the key may make (whose effects must not reach later calls). */
    const integrationKey = async (fresh: boolean): Promise<string> => {
      if (fresh || keyUses >= REQUESTS_PER_KEY) {
        const res = await keyOwner.agent.post('/v1/api-keys', { name: 'access matrix', role: 'integration' });
        if (res.status !== 201) {
          throw new Error(`creating the integration key failed: ${res.status} ${await res.text()}`);
        }
        const created = ((await res.json()) as { key: string }).key;
        if (fresh) return created;
        key = created;
        keyUses = 0;
      }
      keyUses += 1;
      return key;
    };

    const send = async (
      agent: HttpAgent,
      route: HttpRoute,
      headers: Record<string, string> = {},
    ): Promise<Response> => {
      const method = route.method === 'ALL' ? 'GET' : route.method;
      const body = SAFE_METHODS.has(method) ? undefined : {};
      return agent.request(method, concretePath(route.path), { body, headers });
    };
    const record = async (route: HttpRoute, caller: CallerName, res: Response): Promise<void> => {
      // The problem's code, to tell a guard's refusal from a service's in the report of a failure.
      const text = await res.text();
      let code: string | undefined;
      if (res.status >= 400 && /json/.test(res.headers.get('content-type') ?? '')) {
        const parsed = JSON.parse(text) as { code?: unknown };
        code = typeof parsed.code === 'string' ? parsed.code : undefined;
      }
      calls.push({ route, caller, status: res.status, code });
    };

    // Refused calls change nothing, so they share one session per role. A change the caller may make (sign-out
    // ends the session; MFA set-up alters it) runs as a new user of the same tenant, so that no call depends on another.
    for (const route of routes) {
      const change = !SAFE_METHODS.has(route.method);
      await record(route, 'anonymous', await send(new HttpAgent(api.baseUrl), route));
      const bearer = { authorization: `Bearer ${await integrationKey(change && granted(route, 'integration'))}` };
      await record(route, 'integration', await send(new HttpAgent(api.baseUrl), route, bearer));
      for (const role of people) {
        const shared = sessions.get(role);
        if (!shared) throw new Error(`no session for ${role}`);
        const session = change && granted(route, role) ? await api.sessionInTenant(shared.tenantSlug, [role]) : shared;
        await record(route, role, await send(session.agent, route));
      }
    }
    // Every route times every caller, with a new signed-in user per permitted change: longer than a usual setup.
  }, 600_000);

  afterAll(async () => {
    await api?.close();
  });

  it('finds every route of the api, each declaring its access', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(
      routes.filter((r) => r.access.kind === 'undeclared').map((r) => `${r.method} ${r.path} (${r.handler})`),
    ).toEqual([]);
    // The paths computed from the controllers' metadata are the ones the HTTP server really registered.
    const stack = (
      api.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router.stack;
    const registered = new Set(
      stack.flatMap((layer) =>
        layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route?.path}`) : [],
      ),
    );
    const controllerRoutes = routes.filter((r) => r.access.kind !== 'outside_guard');
    expect(controllerRoutes.filter((r) => !registered.has(`${r.method} ${r.path}`))).toEqual([]);
    // API routes always go through the guard.
    expect(routes.filter((r) => r.path.startsWith('/v1/') && r.access.kind === 'outside_guard')).toEqual([]);
    // Every declared permission is a key of the one table of permissions.
    for (const route of routes) {
      if (route.access.kind === 'permission') expect(Object.keys(PERMISSIONS)).toContain(route.access.permission);
    }
  });

  it('called every route as every caller', () => {
    const callers: CallerName[] = [...ROLES, 'anonymous'];
    expect(calls).toHaveLength(routes.length * callers.length);
    const covered = new Set(calls.map((c) => `${c.route.method} ${c.route.path}`));
    expect(covered.size).toBe(new Set(routes.map((r) => `${r.method} ${r.path}`)).size);
    expect(covered.size).toBeGreaterThan(0);
  });

  it('lets a caller through exactly the routes its roles grant, and answers 401/403 to all others', () => {
    const violations = calls.filter((call) => {
      if (call.status === 429) return true; // a rate limit hides the guard's answer
      const refused = call.status === 401 || call.status === 403;
      if (granted(call.route, call.caller)) return refused;
      const expected = call.caller === 'anonymous' && call.route.access.kind === 'permission' ? 401 : 403;
      return call.status !== expected;
    });
    expect(violations.map(describeCall)).toEqual([]);
  });

  it('refuses an analyst every route only admins may call', () => {
    const adminOnly = calls.filter(
      (c) =>
        c.caller === 'analyst' &&
        c.route.access.kind === 'permission' &&
        roleGrants('admin', c.route.access.permission) &&
        !roleGrants('analyst', c.route.access.permission),
    );
    expect(adminOnly.length).toBeGreaterThan(0);
    expect(adminOnly.filter((c) => c.status !== 403).map(describeCall)).toEqual([]);
  });

  it('refuses an integration key every route of the people using the UI', () => {
    const uiOnly = calls.filter(
      (c) =>
        c.caller === 'integration' &&
        c.route.access.kind === 'permission' &&
        !roleGrants('integration', c.route.access.permission),
    );
    expect(uiOnly.map((c) => c.route.path)).toContain('/v1/auth/session');
    expect(uiOnly.filter((c) => c.status !== 403).map(describeCall)).toEqual([]);
  });

  it('never fails with an unexpected error on an empty or malformed request', () => {
    expect(calls.filter((c) => c.status === 500).map(describeCall)).toEqual([]);
  });
});
