import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { IdentityModule, TenantProvisioningService } from '@domains/identity';
import { MODEL_FEATURES, ModelRegistryModule, MonitoringError, buildLinearModel } from '@domains/monitoring';
import { CliUsageError } from './cli.command.js';
import { importModel, parseModelImportArgs } from './model-import.command.js';

const actor = { type: 'system', id: 'verity-cli:test' } as const;

const linear = (features: readonly string[]): Uint8Array =>
  buildLinearModel(
    { weights: features.map(() => 0.02), intercept: -3, baseline: features.map(() => 0) },
    { featureNames: features },
  );

describe('verity model import (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let scratch: string;
  let tenant: { id: string; slug: string };

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig()), DatabaseModule, IdentityModule, ModelRegistryModule],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    scratch = await mkdtemp(join(tmpdir(), 'verity-model-import-'));
    const slug = `model-cli-${randomBytes(4).toString('hex')}`;
    const provisioned = await moduleRef
      .get(TenantProvisioningService)
      .provision({ slug, name: `Tenant ${slug}`, users: [] });
    tenant = { id: provisioned.id, slug };
  });

  afterAll(async () => {
    await moduleRef?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const models = (): Promise<{ name: string; version: number; status: string }[]> =>
    moduleRef
      .get(TransactionRunner)
      .run((tx) => tx.query('SELECT name, version, status FROM monitoring_models ORDER BY version'), {
        tenantId: tenant.id,
      });

  it('reads the arguments, refusing a call without a file, tenant or name', () => {
    expect(parseModelImportArgs(['m.onnx', '--tenant', 'demo', '--name', 'aml'])).toEqual({
      file: 'm.onnx',
      tenant: 'demo',
      name: 'aml',
      evaluation: undefined,
    });
    expect(() => parseModelImportArgs(['--tenant', 'demo', '--name', 'aml'])).toThrow(CliUsageError);
    expect(() => parseModelImportArgs(['m.onnx', '--name', 'aml'])).toThrow(CliUsageError);
  });

  it('imports a fitting model as uploaded, through the same registry as the API', async () => {
    const file = join(scratch, 'good.onnx');
    const evaluation = join(scratch, 'good.evaluation.json');
    await writeFile(file, linear(MODEL_FEATURES));
    await writeFile(evaluation, JSON.stringify({ prAuc: 0.8 }));
    const model = await importModel(moduleRef, {
      file,
      tenantSlug: tenant.slug,
      name: 'cli-model',
      evaluationFile: evaluation,
      actor,
    });
    expect(model).toMatchObject({ name: 'cli-model', version: 1, status: 'uploaded', evaluation: { prAuc: 0.8 } });
    expect(await models()).toEqual([{ name: 'cli-model', version: 1, status: 'uploaded' }]);
  });

  it('refuses a model that does not fit the feature schema, and an unknown tenant, storing nothing', async () => {
    const file = join(scratch, 'narrow.onnx');
    await writeFile(file, linear(MODEL_FEATURES.slice(0, 2)));
    await expect(importModel(moduleRef, { file, tenantSlug: tenant.slug, name: 'narrow', actor })).rejects.toSatisfy(
      (error) => error instanceof MonitoringError && error.code === 'monitoring/model_schema_mismatch',
    );
    await expect(importModel(moduleRef, { file, tenantSlug: 'no-such-tenant', name: 'x', actor })).rejects.toThrow(
      CliUsageError,
    );
    expect((await models()).map((m) => m.name)).toEqual(['cli-model']);
  });
});
