import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The repository root (where Verity's package.json is), whether running from sources, dist/ or a test. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = resolve(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'verity') {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Verity project root (package.json named "verity")');
    dir = parent;
  }
}

/**
 * Loads `<project>/.env` when it exists (variables already in the environment win), so a copy of `.env.example`
 * configures `npm start` without exporting anything.
 */
export function loadDotEnv(): void {
  const file = resolve(projectRoot(), '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
