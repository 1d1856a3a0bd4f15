import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { composeIBAN } from 'ibantools';
import pg from 'pg';
import { AppConfig, loadConfig } from '@platform/config';
import { createScratchDatabase, DatabaseConnector, runPendingMigrations } from '@platform/database';
import { migrateQueueBackend } from '@platform/queue';
import { ListImportJobService } from '@domains/screening';
import {
  buildPaymentMessage,
  Iso20022InboundService,
  iso20022Schema,
  type InboundStep,
  type PaymentSpec,
} from '@domains/iso20022';
import { createApiApp, DEMO_TENANT, ensureDemoTenant } from '@apps/api';

/**
 * `npm run bench:iso20022`: one pacs.008.001.08 of BENCH_ISO20022_TRANSACTIONS (default 1,000) credit transfers,
 * through the inbound path in process (no HTTP), on a scratch database with the demo tenant (the shipped OFAC and UN
 * lists imported, the default rules and model): guard, parse + XSD validation, mapping, inline screening of every
 * party and the remittance text, the decision of all transactions (one monitoring batch), and the pacs.002 answer
 * with the message store writes. Each step is timed on its own (BENCH_ISO20022_RUNS runs, default 3, each with a new
 * message; the median is reported), then the whole `Iso20022InboundService.receive` on new messages.
 */
const TRANSACTIONS = Number(process.env.BENCH_ISO20022_TRANSACTIONS ?? 1000);
const RUNS = Number(process.env.BENCH_ISO20022_RUNS ?? 3);
/**
 * How many distinct creditor accounts (the tenant's customers: every pacs.008 here is incoming) the payments go to. By
 * default each payment has its own, as in an FI-to-FI batch of unrelated payments; 1 is the worst case, one customer
 * whose whole history the feature queries read, growing inside the one database transaction.
 */
const CREDITORS = Math.max(1, Number(process.env.BENCH_ISO20022_CREDITORS ?? TRANSACTIONS));

const say = (line: string): void => console.log(line);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const FIRST = ['Anna', 'Lukas', 'Marie', 'Jonas', 'Sofia', 'Elias', 'Mia', 'Noah', 'Emma', 'Paul', '美咲', 'Ζωή'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', '山田'];
const COMPANIES = ['Bäckerei Sonne GmbH', 'Nordlicht Logistik AG', 'Kaffeerösterei Berg KG', 'Stadtwerke Oberland'];

function message(): string {
  const payments: PaymentSpec[] = Array.from({ length: TRANSACTIONS }, (_, i) => ({
    endToEndId: `E2E-${i + 1}`,
    amount: `${(i % 97) * 13 + 10}.${String(i % 100).padStart(2, '0')}`,
    debtorName: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    creditorName: COMPANIES[i % COMPANIES.length],
    creditorIban: composeIBAN({ countryCode: 'DE', bban: `37040044${String(i % CREDITORS).padStart(10, '0')}` }) ?? '',
    remittance: `Invoice ${2026_000 + i} order ${i % 50} thank you`,
  }));
  return buildPaymentMessage('pacs.008.001.08', { msgId: `BENCH-${randomUUID().slice(0, 8)}`, payments });
}

async function main(): Promise<void> {
  const database = await createScratchDatabase();
  const admin = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    await runPendingMigrations(database.url);
    if (!process.env.REDIS_URL) await migrateQueueBackend(database.url);
    const config = new AppConfig(
      loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: database.url, LOG_LEVEL: 'warn' }),
    );
    const app = await createApiApp({ config });
    await app.init();
    await app.get(DatabaseConnector).whenConnected();
    await ensureDemoTenant(app);
    const tenantId = (await admin.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [DEMO_TENANT.slug]))
      .rows[0].id;
    // The worker would import the shipped lists; do it here.
    const versions = await admin.query<{ id: string }>(
      `SELECT id FROM screening_list_versions WHERE tenant_id = $1 AND status = 'importing'`,
      [tenantId],
    );
    for (const { id } of versions.rows) await app.get(ListImportJobService).run(tenantId, id);
    const entries = (
      await admin.query<{ n: string }>(`SELECT count(*) AS n FROM screening_list_entries WHERE tenant_id = $1`, [
        tenantId,
      ])
    ).rows[0].n;

    const caller = { tenantId, actor: { type: 'key' as const, id: 'bench' } };
    const inbound = app.get(Iso20022InboundService);
    // Warm-up: the tenant's screening index, the compiled schemas, the decision caches.
    await inbound.receive(caller, Buffer.from(message(), 'utf8'));

    const steps: InboundStep[] = ['guard', 'parse_validate', 'map', 'screen', 'decide', 'answer'];
    const laps = new Map<InboundStep, number[]>(steps.map((s) => [s, []]));
    const totals: number[] = [];
    let bytes = 0;
    let groupStatus = '';
    for (let run = 0; run < RUNS; run++) {
      const body = Buffer.from(message(), 'utf8');
      bytes = body.byteLength;
      const start = performance.now();
      let last = start;
      const answer = await inbound.receive(caller, body, undefined, (step, startedAt) => {
        const now = performance.now();
        // Screening runs alongside the decisions: timed from its own start, and not the end of a sequential step.
        laps.get(step)!.push(now - (startedAt ?? last));
        if (startedAt === undefined) last = now;
      });
      totals.push(performance.now() - start);
      groupStatus = answer.groupStatus;
      if (!iso20022Schema('pacs.002.001.10').validate(answer.xml).valid) throw new Error('invalid pacs.002');
    }
    const total = median(totals);
    say(
      `# ISO 20022 inbound: one pacs.008.001.08 of ${TRANSACTIONS} transactions to ${CREDITORS} creditor accounts (${(bytes / 1024).toFixed(0)} KiB)`,
    );
    say(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`,
    );
    say(
      `lists: ${entries} entries (OFAC SDN + UN); runs: ${RUNS} (median per step); group status of the last: ${groupStatus}`,
    );
    say('');
    say('| step | median | share |');
    say('|---|---|---|');
    for (const step of steps) {
      const value = median(laps.get(step)!);
      const share = step === 'screen' ? 'runs alongside decide' : `${((value / total) * 100).toFixed(1)} %`;
      say(`| ${step} | ${value.toFixed(0)} ms | ${share} |`);
    }
    say(`| **total** (receive, median of ${RUNS}) | **${total.toFixed(0)} ms** | goal ≤ 1,000 ms |`);
    await app.close();
  } finally {
    await admin.end();
    await database.drop();
  }
}

await main();
