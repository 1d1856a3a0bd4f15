import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig, loadConfig, projectRoot } from '@platform/config';
import { buildOpenApiDocument } from '@platform/http';
import { createApiApp } from '@apps/api';

/** Key-sorted JSON, so the committed file only changes when the API does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Writes apps/api/openapi.json from the code (`--check`: fails when the committed file differs). Needs no database:
 * the api is composed in preview mode.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const config = new AppConfig(
    loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi', LOG_LEVEL: 'silent' }),
  );
  const app = await createApiApp({ config, preview: true });
  const document = sortKeys(buildOpenApiDocument(app));
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const target = resolve(projectRoot(), 'apps/api/openapi.json');
  if (check) {
    const committed = readFileSync(target, 'utf8');
    if (committed !== text) {
      console.error('apps/api/openapi.json is out of date: run `npm run openapi` and commit it');
      process.exit(1);
    }
    console.log('apps/api/openapi.json matches the code');
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
