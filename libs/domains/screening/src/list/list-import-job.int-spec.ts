import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { QueueModule } from '@platform/queue';
import { testConfig } from '@platform/testing';
import { NameCheckService } from '../check/name-check.service.js';
import { readDemoOfacFiles, readDemoUnXml } from '../demo/screening-demo.seeder.js';
import { ScreeningModule } from '../screening.module.js';
import { ListImportJobService } from './list-import-job.service.js';
import { ListImportService } from './list-import.service.js';

describe('list import job with the shipped OFAC and UN lists (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let tenantId: string;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig()),
        DatabaseModule,
        QueueModule.forRoot({ queues: [], consume: false }),
        ScreeningModule,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    const transactions = moduleRef.get(TransactionRunner);
    const [row] = await transactions.reader.query<{ id: string }[]>(
      'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
      [`screening-${randomBytes(5).toString('hex')}`],
    );
    tenantId = row.id;
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('imports and activates both lists with every entry, and screens against them', async () => {
    const imports = moduleRef.get(ListImportService);
    const job = moduleRef.get(ListImportJobService);
    const actor = { type: 'system', id: 'test' } as const;
    const ofac = await imports.requestImport(tenantId, actor, 'ofac_sdn', { files: await readDemoOfacFiles() });
    const un = await imports.requestImport(tenantId, actor, 'un_consolidated', {
      files: { xml: await readDemoUnXml() },
    });
    expect(await job.run(tenantId, ofac.id)).toBe('activated');
    expect(await job.run(tenantId, un.id)).toBe('activated');
    // A redelivered job finds the version active: nothing happens twice.
    expect(await job.run(tenantId, ofac.id)).toBe('skipped');

    const lists = await imports.listsWithActive(tenantId);
    const bySource = new Map(lists.map((l) => [l.list.source, l.active]));
    expect(bySource.get('ofac_sdn')).toMatchObject({ status: 'active', entryCount: 7379, addedCount: 7379 });
    expect(bySource.get('un_consolidated')).toMatchObject({ status: 'active', entryCount: 730 + 273 });

    const hits = await moduleRef.get(NameCheckService).check(tenantId, { name: 'Kim Jong Un' });
    expect(hits[0]).toMatchObject({ listSource: 'ofac_sdn', entryExternalId: '20157' });
  }, 120_000);
});
