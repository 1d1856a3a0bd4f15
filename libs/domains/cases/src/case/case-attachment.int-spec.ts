import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { QueueModule } from '@platform/queue';
import { testConfig } from '@platform/testing';
import type { KeyPrincipal } from '@domains/identity';
import { CasesModule } from '../cases.module.js';
import { CaseRepository } from './case.repository.js';
import { CaseService } from './case.service.js';

const MAX_BYTES = 1024;

describe('case attachment limits (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let cases: CaseService;
  let principal: KeyPrincipal;
  let caseId: string;

  const stored = async (): Promise<{ fileName: string; sizeBytes: number; sha256: string }[]> =>
    moduleRef
      .get(TransactionRunner)
      .run((tx) => moduleRef.get(CaseRepository).listAttachments(tx, principal.tenantId, caseId), {
        tenantId: principal.tenantId,
      });

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig({ CASES_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) })),
        DatabaseModule,
        QueueModule.forRoot({ queues: [], consume: false }),
        CasesModule,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    const [row] = await moduleRef
      .get(TransactionRunner)
      .reader.query<{ id: string }[]>('INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id', [
        `cases-${randomBytes(5).toString('hex')}`,
      ]);
    principal = { kind: 'key', tenantId: row.id, keyId: randomUUID(), keyName: 'test', roles: ['analyst'] };
    cases = moduleRef.get(CaseService);
    caseId = (await cases.create(principal, { title: 'Attachment limits' })).id;
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('accepts a file of exactly the configured maximum and refuses one byte more, storing nothing', async () => {
    const atLimit = Buffer.alloc(MAX_BYTES, 'a');
    const added = await cases.addAttachment(principal, caseId, { fileName: 'limit.txt', bytes: atLimit });
    expect(added).toMatchObject({
      sizeBytes: MAX_BYTES,
      mediaType: 'text/plain; charset=utf-8',
      sha256: createHash('sha256').update(atLimit).digest('hex'),
    });
    await expect(
      cases.addAttachment(principal, caseId, { fileName: 'over.txt', bytes: Buffer.alloc(MAX_BYTES + 1, 'a') }),
    ).rejects.toMatchObject({ code: 'cases/attachment_too_large', kind: 'too_large' });
    expect((await stored()).map((a) => a.fileName)).toEqual(['limit.txt']);
  });

  it('refuses bad names and forbidden types before storing anything', async () => {
    const before = (await stored()).length;
    await expect(
      cases.addAttachment(principal, caseId, { fileName: '../x.txt', bytes: Buffer.from('hello') }),
    ).rejects.toMatchObject({ code: 'cases/attachment_name_invalid' });
    await expect(
      cases.addAttachment(principal, caseId, { fileName: 'x.txt', bytes: Buffer.from('<svg onload="x()"></svg>') }),
    ).rejects.toMatchObject({ code: 'cases/attachment_type_forbidden' });
    await expect(
      cases.addAttachment(principal, caseId, { fileName: 'empty.txt', bytes: Buffer.alloc(0) }),
    ).rejects.toMatchObject({ code: 'cases/case_invalid' });
    expect(await stored()).toHaveLength(before);
  });

  it('refuses attachments on a case of another tenant as not found', async () => {
    const stranger: KeyPrincipal = { ...principal, tenantId: randomUUID() };
    await expect(
      cases.addAttachment(stranger, caseId, { fileName: 'a.txt', bytes: Buffer.from('hello') }),
    ).rejects.toMatchObject({ code: 'cases/case_not_found' });
  });
});
