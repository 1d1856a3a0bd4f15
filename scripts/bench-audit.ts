import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { AppConfig, loadConfig } from '@platform/config';
import {
  createScratchDatabase,
  GroupCommit,
  runPendingMigrations,
  TenantContext,
  TransactionRunner,
} from '@platform/database';
import { migrateQueueBackend } from '@platform/queue';
import { AuditLedger, AuditReader, hashLeaf, verifyInclusion, decodeBase64 } from '@domains/audit';
import { createWorkerApp } from '@apps/worker';

/**
 * `npm run bench:audit`: the audit ledger's speed on this machine, in one run on a fresh database.
 *
 * 1. Durable appends per second from concurrent writers — each a transaction holding one `AuditLedger.record()` —
 *    against a plain single-row INSERT of a comparable row by the same writers in the same run (the baseline).
 *    synchronous_commit stays on; PostgreSQL's group commit applies to both.
 * 1b. The same writers calling `AuditLedger.append()` (the ledger's group commit: one transaction per flush of what
 *    arrived meanwhile), against the same plain INSERT written through the same GroupCommit (one multi-row INSERT per
 *    flush) as its baseline.
 * 2. Checkpoint lag while entries arrive: how long a committed entry waits until a signed checkpoint covers it.
 * 3. Inclusion and consistency proof latency at BENCH_AUDIT_ENTRIES entries (default 1,000,000), served by AuditReader.
 * 4. Offline verification: inclusion proofs verified per second on one core.
 */
const WRITERS = Number(process.env.BENCH_AUDIT_WRITERS ?? 32);
/**
 * Writers of the group-commit phase: callers that each await one event at a time, as many concurrent requests would
 * (they hold no connection while they wait, so there can be more of them than the pool has connections).
 */
const APPEND_WRITERS = Number(process.env.BENCH_AUDIT_APPEND_WRITERS ?? 256);
const PHASE_SECONDS = Number(process.env.BENCH_AUDIT_SECONDS ?? 15);
const TARGET_ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const PROOFS = 2_000;
/** Entries per transaction (group commit): 1 is one entry per business transaction. */
const BATCH = Number(process.env.BENCH_AUDIT_BATCH ?? 1);

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const say = (line: string): void => console.log(line);

/** Runs `work` (one transaction of `perCall` rows) in `writers` concurrent loops; returns rows per second. */
async function forWriters(seconds: number, work: () => Promise<void>, perCall = 1, writers = WRITERS): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        await work();
        done += perCall;
      }
    }),
  );
  return (done * 1000) / (performance.now() - started);
}

async function main(): Promise<void> {
  const database = await createScratchDatabase();
  const admin = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    await runPendingMigrations(database.url);
    if (!process.env.REDIS_URL) await migrateQueueBackend(database.url);
    const config = new AppConfig(
      loadConfig({
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: String(WRITERS + 8),
        LOG_LEVEL: 'warn',
      }),
    );
    const [tenant] = (
      await admin.query<{ id: string }>(`INSERT INTO tenants (slug, name) VALUES ('bench', 'Bench') RETURNING id`)
    ).rows;
    const tenantId = tenant?.id ?? '';
    await admin.query(`CREATE TABLE bench_plain_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id uuid NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), actor_type text NOT NULL,
      actor_id text NOT NULL, action text NOT NULL, subject_type text NOT NULL, subject_id text NOT NULL,
      payload jsonb NOT NULL)`);

    // Row-level security: the bench writes and reads as its tenant, as a request of that tenant would.
    await TenantContext.run(tenantId, async () => {
      const worker = await createWorkerApp(config);
      const ledger = worker.get(AuditLedger, { strict: false });
      const reader = worker.get(AuditReader, { strict: false });
      const transactions = worker.get(TransactionRunner, { strict: false });
      let counter = 0;
      const event = () => {
        counter += 1;
        return {
          tenantId,
          actor: { type: 'system' as const, id: 'bench' },
          action: 'bench.payment.screened',
          subject: { type: 'transaction', id: `t-${counter % 5000}` },
          payload: { amount: counter, currency: 'EUR', decision: 'allow', rules: ['r1', 'r7'] },
        };
      };

      say(
        `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
      );
      const syncCommit = (await admin.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]
        ?.synchronous_commit;
      say(
        `writers: ${WRITERS} (group commit: ${APPEND_WRITERS}), phase: ${PHASE_SECONDS} s, synchronous_commit: ${syncCommit ?? '?'}`,
      );

      // Warm both paths (connections, the tenant's log, subject keys) before measuring.
      await forWriters(2, async () => {
        await transactions.run((tx) => ledger.record(tx, event()));
      });
      const plainRate = await forWriters(
        PHASE_SECONDS,
        async () => {
          await transactions.run(async (tx) => {
            for (let i = 0; i < BATCH; i += 1) {
              const e = event();
              await tx.query(
                `INSERT INTO bench_plain_rows (tenant_id, actor_type, actor_id, action, subject_type, subject_id, payload)
               VALUES ($1, $2, $3, $4, $5, $6, $7)`,
                [
                  e.tenantId,
                  e.actor.type,
                  e.actor.id,
                  e.action,
                  e.subject.type,
                  e.subject.id,
                  JSON.stringify(e.payload),
                ],
              );
            }
          });
        },
        BATCH,
      );

      /** Samples, every 100 ms while `work` runs, how long the oldest entry not under a checkpoint has waited. */
      const withLag = async <T>(work: () => Promise<T>): Promise<{ result: T; lags: number[] }> => {
        const lags: number[] = [];
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const { rows } = await admin.query<{ lag: number | null }>(`
            WITH cp AS (SELECT coalesce(max(tree_size), 0) AS size FROM audit_checkpoints)
            SELECT greatest(
              (SELECT extract(epoch FROM clock_timestamp() - min(e.recorded_at)) FROM audit_unsequenced_entries u
                 JOIN audit_entries e ON e.id = u.entry_id),
              (SELECT extract(epoch FROM clock_timestamp() - min(e.recorded_at)) FROM audit_leaves l
                 JOIN audit_entries e ON e.id = l.entry_id, cp WHERE l.idx >= cp.size))::float8 AS lag`);
            lags.push(rows[0]?.lag ?? 0);
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
        try {
          return { result: await work(), lags };
        } finally {
          sampling = false;
          await sampler;
        }
      };
      const { result: ledgerRate, lags } = await withLag(() =>
        forWriters(
          PHASE_SECONDS,
          async () => {
            await transactions.run(async (tx) => {
              for (let i = 0; i < BATCH; i += 1) await ledger.record(tx, event());
            });
          },
          BATCH,
        ),
      );
      say(`plain INSERT (baseline): ${plainRate.toFixed(0)} rows/s`);
      say(
        `audit record(): ${ledgerRate.toFixed(0)} appends/s = ${((100 * ledgerRate) / plainRate).toFixed(1)}% of the plain insert`,
      );
      const lagLine = (xs: number[]): string =>
        `p50 ${quantile(xs, 0.5).toFixed(2)} s, p99 ${quantile(xs, 0.99).toFixed(2)} s, max ${Math.max(...xs).toFixed(2)} s (${xs.length} samples)`;
      say(`checkpoint lag while recording: ${lagLine(lags)}`);

      // 1b. Group commit: each writer awaits one event at a time; concurrent events share a transaction and a commit.
      const plainGroup = new GroupCommit<ReturnType<typeof event>, undefined>({
        maxBatch: 1_000,
        maxInFlight: 2,
        flush: async (_tenant, events) => {
          await transactions.run((tx) =>
            tx.query(
              `INSERT INTO bench_plain_rows (tenant_id, actor_type, actor_id, action, subject_type, subject_id, payload)
               SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
              [
                events.map((e) => e.tenantId),
                events.map((e) => e.actor.type),
                events.map((e) => e.actor.id),
                events.map((e) => e.action),
                events.map((e) => e.subject.type),
                events.map((e) => e.subject.id),
                events.map((e) => JSON.stringify(e.payload)),
              ],
            ),
          );
          return events.map(() => ({ ok: true as const, value: undefined }));
        },
      });
      const plainGroupRate = await forWriters(
        PHASE_SECONDS,
        async () => {
          const e = event();
          await plainGroup.submit(e.tenantId, e);
        },
        1,
        APPEND_WRITERS,
      );
      const { result: appendRate, lags: appendLags } = await withLag(() =>
        forWriters(
          PHASE_SECONDS,
          async () => {
            await ledger.append(event());
          },
          1,
          APPEND_WRITERS,
        ),
      );
      say(`plain INSERT, group-committed the same way (baseline): ${plainGroupRate.toFixed(0)} rows/s`);
      say(
        `audit append() (group commit): ${appendRate.toFixed(0)} appends/s = ${((100 * appendRate) / plainGroupRate).toFixed(1)}% of the group-committed plain insert, ${((100 * appendRate) / plainRate).toFixed(1)}% of the one-row-per-transaction one`,
      );
      say(`checkpoint lag while appending: ${lagLine(appendLags)}`);

      const countEntries = async (): Promise<number> =>
        Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM audit_entries')).rows[0]?.n ?? 0);
      const fillStart = performance.now();
      for (let filled = await countEntries(); filled < TARGET_ENTRIES; filled += 4_000) {
        // Filling is not what is measured: a few writers, a thousand entries per transaction.
        await Promise.all(
          Array.from({ length: 4 }, () =>
            transactions.run((tx) =>
              ledger.recordMany(
                tx,
                Array.from({ length: 1_000 }, () => event()),
              ),
            ),
          ),
        );
      }
      const total = await countEntries();
      let size: number;
      for (;;) {
        const { rows } = await admin.query<{ size: string | null }>(
          'SELECT max(tree_size) AS size FROM audit_checkpoints',
        );
        size = Number(rows[0]?.size ?? 0);
        if (size >= total) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      say(`filled to ${total} entries and checkpointed in ${((performance.now() - fillStart) / 1000).toFixed(0)} s`);

      const inclusionLatency: number[] = [];
      const proofs: { index: number; hashes: Uint8Array[] }[] = [];
      for (let i = 0; i < PROOFS; i += 1) {
        const index = Math.floor(Math.random() * size);
        const t0 = performance.now();
        const hashes = await reader.inclusionProof(tenantId, index, size);
        inclusionLatency.push(performance.now() - t0);
        proofs.push({ index, hashes });
      }
      const consistencyLatency: number[] = [];
      for (let i = 0; i < PROOFS; i += 1) {
        const from = 1 + Math.floor(Math.random() * (size - 1));
        const t0 = performance.now();
        await reader.consistencyProof(tenantId, from, size);
        consistencyLatency.push(performance.now() - t0);
      }
      say(
        `inclusion proof at ${size}: p50 ${quantile(inclusionLatency, 0.5).toFixed(2)} ms, p99 ${quantile(inclusionLatency, 0.99).toFixed(2)} ms`,
      );
      say(
        `consistency proof at ${size}: p50 ${quantile(consistencyLatency, 0.5).toFixed(2)} ms, p99 ${quantile(consistencyLatency, 0.99).toFixed(2)} ms`,
      );

      const leafRows = await admin.query<{ idx: string; leaf_hash: Buffer }>(
        'SELECT idx, leaf_hash FROM audit_leaves WHERE idx = ANY($1::bigint[])',
        [proofs.map((p) => p.index)],
      );
      const leafHashes = new Map(leafRows.rows.map((r) => [Number(r.idx), new Uint8Array(r.leaf_hash)]));
      const checkpoint = await reader.latestCheckpoint(tenantId);
      const root = decodeBase64(checkpoint.split('\n')[2] ?? '') ?? new Uint8Array();
      let verified = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 3000) {
        for (const proof of proofs) {
          verifyInclusion(
            leafHashes.get(proof.index) ?? hashLeaf(new Uint8Array()),
            proof.index,
            size,
            proof.hashes,
            root,
          );
          verified += 1;
        }
      }
      say(
        `offline verification: ${((verified * 1000) / (performance.now() - t0)).toFixed(0)} inclusion proofs/s on one core (tree of ${size})`,
      );
      await worker.close();
    });
  } finally {
    await admin.end();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
