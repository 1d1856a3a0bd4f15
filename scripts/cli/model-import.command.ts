import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppConfig, ConfigModule, loadConfig, loadDotEnv } from '@platform/config';
import { DatabaseConnector, DatabaseModule } from '@platform/database';
import type { AuditActor } from '@domains/audit';
import { IdentityModule, TenantRepository } from '@domains/identity';
import { ModelRegistryModule, ModelRegistryService, type ModelVersionEntity } from '@domains/monitoring';
import { CliUsageError, type CliCommand } from './cli.command.js';
import { cliActor } from './cli.actor.js';
import { openLocalDatabase } from './local-database.js';

const usage = `usage: verity model import <file.onnx> --tenant <slug> --name <name> [--evaluation <file.json>]

Uploads an ONNX model into a tenant's model registry, checked against the feature schema exactly as
POST /v1/models checks it (a mismatch is refused and nothing is stored). The model is stored as "uploaded":
run it in shadow or promote it (four-eyes) from the admin UI or the API. Uses DATABASE_URL (or .env); without it,
the embedded PostgreSQL of "npm start".`;

export interface ModelImportRequest {
  readonly file: string;
  readonly tenantSlug: string;
  readonly name: string;
  readonly evaluationFile?: string;
  readonly actor: AuditActor;
}

export interface ModelImportArgs {
  readonly file: string;
  readonly tenant: string;
  readonly name: string;
  readonly evaluation?: string;
}

/** The command's arguments, or a usage error naming what is missing. */
export function parseModelImportArgs(args: readonly string[]): ModelImportArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { tenant: { type: 'string' }, name: { type: 'string' }, evaluation: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliUsageError('name exactly one model file');
  if (!values.tenant || !values.name) throw new CliUsageError('--tenant and --name are required');
  return { file: positionals[0], tenant: values.tenant, name: values.name, evaluation: values.evaluation };
}

/** Reads the file and stores it through the registry (the same checks and audit entry as the API). */
export async function importModel(
  app: INestApplicationContext,
  request: ModelImportRequest,
): Promise<ModelVersionEntity> {
  const tenant = await app.get(TenantRepository).findBySlug(request.tenantSlug);
  if (!tenant) throw new CliUsageError(`no tenant "${request.tenantSlug}"`);
  const bytes = new Uint8Array(await readFile(request.file));
  const evaluation = request.evaluationFile
    ? (JSON.parse(await readFile(request.evaluationFile, 'utf8')) as Record<string, unknown>)
    : null;
  return app.get(ModelRegistryService).upload(tenant.id, request.actor, { name: request.name, bytes, evaluation });
}

export const modelImportCommand: CliCommand = {
  path: ['model', 'import'],
  summary: "upload an ONNX model into a tenant's model registry",
  usage,
  async run(args) {
    const parsed = parseModelImportArgs(args);
    loadDotEnv();
    const database = await openLocalDatabase();
    const config = new AppConfig(loadConfig({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }));

    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, IdentityModule, ModelRegistryModule] })
    class ModelImportCliModule {}

    const app = await NestFactory.createApplicationContext(ModelImportCliModule, { logger: ['error'] });
    try {
      await app.init();
      await app.get(DatabaseConnector).whenConnected();
      const model = await importModel(app, {
        file: parsed.file,
        tenantSlug: parsed.tenant,
        name: parsed.name,
        evaluationFile: parsed.evaluation,
        actor: cliActor(),
      });
      console.log(model.id);
      console.error(
        `imported ${model.name} version ${model.version} (${model.sizeBytes} bytes, sha256 ${model.sha256}) as uploaded`,
      );
      return 0;
    } finally {
      await app.close();
      await database.close();
    }
  },
};
