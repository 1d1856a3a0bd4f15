import 'reflect-metadata';
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { AppConfig, loadConfig, projectRoot } from '@platform/config';
import { createScratchDatabase, DatabaseConnector, findFreePort, runPendingMigrations } from '@platform/database';
import { migrateQueueBackend } from '@platform/queue';
import { defaultAmlRuleSet, inspectModel, readDefaultModel } from '@domains/monitoring';
import { createApiApp, DEMO_TENANT, ensureDemoTenant } from '@apps/api';
import { measureRuleEngines } from './bench-rules.lib.js';

/**
 * `npm run bench:decisions`: real-time decisions per second of the running api over HTTP, on a fresh scratch
 * database, with the default 50-rule AML set published and the default model as champion.
 *
 * 1. Sustained rate: autocannon at full speed for BENCH_DECISIONS_SECONDS (default 20) with BENCH_DECISIONS_CONNECTIONS
 *    (default 32) connections; every request is a new transaction with its own Idempotency-Key, spread over
 *    BENCH_DECISIONS_CUSTOMERS (default 500) customers, each created beforehand by a first transaction (the warm-up,
 *    reported on its own: a new customer's first transaction also creates the customer record).
 * 2. Latency at a fixed 500 requests/s (BENCH_DECISIONS_RATE) for the same duration: p50 / p99.
 * 3. The same through POST /v1/transactions/batch (BENCH_DECISIONS_BATCH, default 100, per request), for comparison.
 * 4. The limit: the same rows (copied from the decided transactions) inserted with plain multi-row INSERTs of
 *    BENCH_INSERT_BATCH (default 100) rows into a scratch table with the same columns and indexes, by 8 writers.
 * 5. The compiled rules against json-rules-engine (H4's measurement, scripts/bench-rules.lib.ts).
 * synchronous_commit stays on throughout: an acknowledged decision is durable.
 */
const SECONDS = Number(process.env.BENCH_DECISIONS_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_DECISIONS_CONNECTIONS ?? 32);
const CUSTOMERS = Number(process.env.BENCH_DECISIONS_CUSTOMERS ?? 500);
const FIXED_RATE = Number(process.env.BENCH_DECISIONS_RATE ?? 500);
const INSERT_BATCH = Number(process.env.BENCH_INSERT_BATCH ?? 100);
const INSERT_WRITERS = 8;
const POOL_SIZE = Number(process.env.BENCH_DECISIONS_POOL ?? 20);
const BATCH_SIZE = Number(process.env.BENCH_DECISIONS_BATCH ?? 100);

const say = (line: string): void => console.log(line);
const format = (n: number): string => Math.round(n).toLocaleString('en-US');
const COUNTRIES = ['DE', 'FR', 'NL', 'US', 'GB', 'ES', 'IT', 'AE', 'TR', 'IR'];
const CHANNELS = ['wire', 'sepa', 'card', 'ach', 'internal'];

let sequence = 0;
/**
 * A new, valid transaction: unique id, one of CUSTOMERS customers, each paying three regular (mostly domestic)
 * counterparties small amounts, with a large amount every 97th and a foreign counterparty every 50th — so that most
 * decisions are allow, as in real traffic, and some raise alerts and webhook events.
 */
function nextTransaction(): string {
  sequence += 1;
  const n = sequence;
  const customer = n % CUSTOMERS;
  return JSON.stringify({
    id: `bench-${process.pid}-${n}`,
    customerId: `bc-${customer}`,
    accountId: `ba-${customer}`,
    direction: n % 3 === 0 ? 'in' : 'out',
    channel: CHANNELS[n % CHANNELS.length],
    amount: { value: n % 97 === 0 ? 1_200_000 : 1_000 + ((n * 7919) % 200_000), currency: n % 4 === 0 ? 'EUR' : 'USD' },
    bookedAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
    counterparty: {
      name: `Counterparty ${customer}-${n % 3}`,
      account: String(customer * 3 + (n % 3)),
      country: n % 50 === 0 ? COUNTRIES[n % 10] : 'US',
    },
  });
}

/** A batch body of `size` new transactions. */
function nextBatch(size: number): string {
  return `{"transactions":[${Array.from({ length: size }, nextTransaction).join(',')}]}`;
}

function loadBatches(baseUrl: string, key: string, size: number, seconds: number): Promise<Result> {
  return autocannon({
    url: baseUrl,
    connections: 4,
    duration: seconds,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: '/v1/transactions/batch',
        setupRequest: (req) => ({
          ...req,
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: nextBatch(size),
        }),
      },
    ],
  });
}

function load(
  baseUrl: string,
  key: string,
  options: { seconds?: number; amount?: number; rate?: number },
): Promise<Result> {
  return autocannon({
    url: baseUrl,
    connections: options.rate ? Math.min(CONNECTIONS, 16) : CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? SECONDS }),
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/v1/transactions',
        setupRequest: (req) => ({
          ...req,
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: nextTransaction(),
        }),
      },
    ],
  });
}

async function startApi(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  // BENCH_DECISIONS_PROFILE_DIR: write a V8 CPU profile of the api process there (open it in Chrome DevTools).
  const profile = process.env.BENCH_DECISIONS_PROFILE_DIR;
  const args = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    resolve(projectRoot(), 'dist/apps/api/src/main.js'),
  ];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot(),
    env,
    // LOG_LEVEL=warn: only problems reach the terminal.
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('the api exited before it was ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const database = await createScratchDatabase();
  const admin = new pg.Pool({ connectionString: database.url, max: INSERT_WRITERS + 2 });
  let api: ChildProcess | undefined;
  try {
    await runPendingMigrations(database.url);
    if (!process.env.REDIS_URL) await migrateQueueBackend(database.url);
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    };
    const config = new AppConfig(loadConfig(env));

    // The demo tenant (its integration key), provisioned by a short-lived in-process api.
    const setup = await createApiApp({ config });
    await setup.init();
    await setup.get(DatabaseConnector).whenConnected();
    await ensureDemoTenant(setup);
    await setup.close();
    const tenantId = (await admin.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [DEMO_TENANT.slug]))
      .rows[0].id;
    const key = config.values.DEMO_API_KEY;
    // The bench measures decisions, not the per-key rate limit.
    await admin.query(`UPDATE identity_api_keys SET rate_limit_per_minute = 100000000 WHERE tenant_id = $1`, [
      tenantId,
    ]);
    // The demo seed normally publishes the default rules and the default champion; add them if it did not.
    const ruleSet = defaultAmlRuleSet();
    const published = await admin.query(
      `SELECT 1 FROM monitoring_rule_sets WHERE tenant_id = $1 AND status = 'published'`,
      [tenantId],
    );
    if (published.rowCount === 0) {
      const ruleDocument = JSON.stringify(ruleSet);
      await admin.query(
        `INSERT INTO monitoring_rule_sets (tenant_id, name, version, status, document, content_hash, published_at)
         VALUES ($1, 'default AML rules',
                 (SELECT coalesce(max(version), 0) + 1 FROM monitoring_rule_sets WHERE tenant_id = $1),
                 'published', $2, $3, now())`,
        [tenantId, ruleDocument, createHash('sha256').update(ruleDocument).digest('hex')],
      );
    }
    const model = await readDefaultModel();
    const champion = await admin.query(`SELECT 1 FROM monitoring_models WHERE tenant_id = $1 AND status = 'champion'`, [
      tenantId,
    ]);
    if (champion.rowCount === 0) {
      await admin.query(
        `INSERT INTO monitoring_models (tenant_id, name, version, status, bytes, size_bytes, sha256, inspection, evaluation)
         VALUES ($1, 'default', 1, 'champion', $2, $3, $4, $5, $6)`,
        [
          tenantId,
          Buffer.from(model.bytes),
          model.bytes.byteLength,
          createHash('sha256').update(model.bytes).digest('hex'),
          JSON.stringify(inspectModel(model.bytes)),
          JSON.stringify(model.evaluation),
        ],
      );
    }
    const active = (
      await admin.query<{ rules: number; models: string }>(
        `SELECT (SELECT jsonb_array_length(document->'rules') FROM monitoring_rule_sets
                  WHERE tenant_id = $1 AND status = 'published') AS rules,
                (SELECT string_agg(name || '@' || version || ' ' || status, ', ') FROM monitoring_models
                  WHERE tenant_id = $1 AND status IN ('champion', 'shadow')) AS models`,
        [tenantId],
      )
    ).rows[0];
    const seeded = Number(
      (await admin.query<{ n: string }>(`SELECT count(*) AS n FROM monitoring_transactions`)).rows[0]?.n,
    );

    api = await startApi(env, port);
    const baseUrl = `http://127.0.0.1:${port}`;
    say(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
    );
    const syncCommit = (await admin.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]
      ?.synchronous_commit;
    const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
    say(
      `PostgreSQL ${pgVersion ?? '?'} (synchronous_commit ${syncCommit ?? '?'}), queue backend ${process.env.REDIS_URL ? 'Redis' : 'PostgreSQL'}, api pool ${POOL_SIZE}`,
    );
    say(
      `published rules: ${active?.rules ?? 0}; active models: ${active?.models ?? 'none'} (default model ${model.bytes.byteLength} bytes); transactions already stored by the demo seed: ${seeded}`,
    );

    // One request alone first: a cold process fills per-process caches (the tenant's audit log) on its first decision.
    await fetch(`${baseUrl}/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: nextTransaction(),
    });
    // Warm-up: every customer's first transaction (the customer and account records are created then).
    const warm = await load(baseUrl, key, { amount: CUSTOMERS });
    say(
      `warm-up, first transaction of ${format(CUSTOMERS)} new customers: ${format(warm['2xx'] / warm.duration)} decisions/s, p50 ${warm.latency.p50} ms, p99 ${warm.latency.p99} ms, ${warm.non2xx} non-2xx ${JSON.stringify(warm.statusCodeStats)}, ${warm.errors} errors`,
    );

    const sustained = await load(baseUrl, key, { seconds: SECONDS });
    const rate = sustained['2xx'] / sustained.duration;
    say(
      `sustained (${CONNECTIONS} connections, ${SECONDS} s): ${format(rate)} decisions/s, p50 ${sustained.latency.p50} ms, p99 ${sustained.latency.p99} ms, ${sustained.non2xx} non-2xx, ${sustained.errors} errors`,
    );

    const fixed = await load(baseUrl, key, { seconds: SECONDS, rate: FIXED_RATE });
    say(
      `fixed ${FIXED_RATE}/s (${SECONDS} s): ${format(fixed['2xx'] / fixed.duration)} decisions/s, p50 ${fixed.latency.p50} ms, p97.5 ${fixed.latency.p97_5} ms, p99 ${fixed.latency.p99} ms, max ${fixed.latency.max} ms, ${fixed.non2xx} non-2xx`,
    );
    const batches = await loadBatches(baseUrl, key, BATCH_SIZE, Math.max(5, Math.round(SECONDS / 2)));
    const batchRate = (batches['2xx'] * BATCH_SIZE) / batches.duration;
    say(
      `batches of ${BATCH_SIZE} (POST /v1/transactions/batch, 4 connections): ${format(batchRate)} decisions/s, p50 ${batches.latency.p50} ms per batch, ${batches.non2xx} non-2xx`,
    );
    const decisions = await admin.query<{ decision: string; n: string }>(
      `SELECT decision, count(*) AS n FROM monitoring_transactions GROUP BY decision ORDER BY decision`,
    );
    say(`decisions stored: ${decisions.rows.map((r) => `${r.decision} ${r.n}`).join(', ')}`);
    const why = await admin.query<{ name: string; n: string }>(
      `SELECT r->>'name' AS name, count(*) AS n FROM monitoring_transactions, jsonb_array_elements(fired_rules) r
       GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
    );
    const modelStats = (
      await admin.query<{ avg: number; high: string }>(
        `SELECT avg(model_score) AS avg, count(*) FILTER (WHERE model_score >= 0.5) AS high FROM monitoring_transactions`,
      )
    ).rows[0];
    say(
      `most fired rules: ${why.rows.map((r) => `${r.name} ${r.n}`).join(', ')}; model score mean ${Number(modelStats?.avg ?? 0).toFixed(3)}, ≥ 0.5 in ${modelStats?.high ?? 0}`,
    );

    // Batches autocannon no longer waits for finish first (a SIGTERM would cut them off mid-transaction).
    await new Promise((r) => setTimeout(r, 5_000));
    api.kill('SIGTERM');
    await new Promise((r) => api!.once('exit', r));
    api = undefined;

    // The limit: the same rows, plain multi-row INSERTs into a table with the same columns and indexes.
    await admin.query(
      `CREATE TABLE bench_plain_transactions (LIKE monitoring_transactions INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    const sample = (await admin.query<Record<string, unknown>>(`SELECT * FROM monitoring_transactions LIMIT 5000`))
      .rows;
    const columns = Object.keys(sample[0] ?? {}).filter((c) => c !== 'id' && c !== 'created_at');
    let inserted = 0;
    let batchNo = 0;
    const started = performance.now();
    const deadline = started + 10_000;
    await Promise.all(
      Array.from({ length: INSERT_WRITERS }, async () => {
        while (performance.now() < deadline) {
          batchNo += 1;
          const suffix = `-${batchNo}`;
          const values: unknown[] = [];
          const tuples: string[] = [];
          for (let i = 0; i < INSERT_BATCH; i += 1) {
            const row = sample[(batchNo * INSERT_BATCH + i) % sample.length];
            tuples.push(`(${columns.map((_, c) => `$${values.length + c + 1}`).join(', ')})`);
            for (const c of columns) {
              const v = row[c];
              values.push(
                c === 'external_id'
                  ? `${String(v)}${suffix}`
                  : v !== null && typeof v === 'object' && !(v instanceof Date)
                    ? JSON.stringify(v)
                    : v,
              );
            }
          }
          await admin.query(
            `INSERT INTO bench_plain_transactions (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
            values,
          );
          inserted += INSERT_BATCH;
        }
      }),
    );
    const limit = (inserted * 1000) / (performance.now() - started);
    say(
      `limit: plain multi-row INSERT (${INSERT_BATCH} rows/statement, ${INSERT_WRITERS} writers): ${format(limit)} rows/s`,
    );
    say(`decisions / limit: ${((rate / limit) * 100).toFixed(1)} %`);

    const rules = await measureRuleEngines({ count: 5_000, seed: 1, minCompiledSeconds: 3 });
    say(
      `rules (${rules.rules} rules, one core): json-rules-engine ${format(rules.jsonRulesEngine.factsPerSecond)} facts/s, compiled ${format(rules.compiled.factsPerSecond)} facts/s, ×${rules.speedup.toFixed(0)}`,
    );
  } finally {
    if (api) {
      api.kill('SIGTERM');
      await new Promise((r) => api!.once('exit', r));
    }
    await admin.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
