import type { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '@platform/config';
import { ListImportService } from '../list/list-import.service.js';

/** Where the project ships its demo copies of the public lists (see data/sanctions/SOURCES.md). */
export function demoSanctionsDir(): string {
  return join(projectRoot(), 'data', 'sanctions');
}

/** The shipped OFAC SDN files (legacy CSV) as an import request's files. */
export async function readDemoOfacFiles(dir = demoSanctionsDir()): Promise<Record<string, string>> {
  const read = (name: string): Promise<string> => readFile(join(dir, 'ofac-sdn', name), 'utf8');
  const [sdn, alt, add, comments] = await Promise.all([
    read('sdn.csv'),
    read('alt.csv'),
    read('add.csv'),
    read('sdn_comments.csv'),
  ]);
  return { sdn, alt, add, comments };
}

/** The shipped UN consolidated list XML. */
export function readDemoUnXml(dir = demoSanctionsDir()): Promise<string> {
  return readFile(join(dir, 'un', 'consolidated.xml'), 'utf8');
}

/**
 * Imports the shipped OFAC and UN lists into a tenant (the demo tenant), so screening works out of the box: two
 * import versions are stored and their jobs enqueued; the worker parses and activates them.
 */
export async function seedScreeningDemo(app: INestApplicationContext, tenantId: string): Promise<void> {
  const imports = app.get(ListImportService, { strict: false });
  const actor = { type: 'system', id: 'demo-seed' } as const;
  await imports.requestImport(tenantId, actor, 'ofac_sdn', { files: await readDemoOfacFiles() });
  await imports.requestImport(tenantId, actor, 'un_consolidated', { files: { xml: await readDemoUnXml() } });
}
