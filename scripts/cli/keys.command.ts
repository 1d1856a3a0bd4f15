import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppConfig, ConfigModule, loadConfig, loadDotEnv } from '@platform/config';
import { DatabaseConnector, DatabaseModule } from '@platform/database';
import { ApiKeyService, IdentityModule, isRole } from '@domains/identity';
import { CliUsageError, type CliCommand } from './cli.command.js';
import { openLocalDatabase } from './local-database.js';
import { cliActor } from './cli.actor.js';

const usage = `usage: verity keys create --tenant <slug> --role <role> [--name <name>]

Creates an API key for a tenant and prints it once (only its hash is stored).
Send it as "Authorization: Bearer <key>". Uses DATABASE_URL (or .env); without it, the embedded PostgreSQL of "npm start".`;

export const keysCreateCommand: CliCommand = {
  path: ['keys', 'create'],
  summary: 'create an API key for a tenant and print it once',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args: [...args],
      options: { tenant: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
      strict: true,
    });
    if (!values.tenant || !values.role) throw new CliUsageError('--tenant and --role are required');
    if (!isRole(values.role)) throw new CliUsageError(`unknown role "${values.role}"`);
    loadDotEnv();
    const database = await openLocalDatabase();
    const config = new AppConfig(loadConfig({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }));

    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, IdentityModule] })
    class KeysCliModule {}

    const app = await NestFactory.createApplicationContext(KeysCliModule, { logger: ['error'] });
    try {
      await app.init();
      await app.get(DatabaseConnector).whenConnected();
      const created = await app.get(ApiKeyService).createForTenantSlug(values.tenant, {
        role: values.role,
        name: values.name ?? `${values.role} key (CLI)`,
        actor: cliActor(),
      });
      console.log(created.key);
      console.error(`created key ${created.entity.prefix} (${created.entity.role}) for tenant ${values.tenant}`);
      return 0;
    } finally {
      await app.close();
      await database.close();
    }
  },
};
