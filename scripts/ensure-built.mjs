// Rebuilds the server (dist/) and the admin UI (dist/admin) only when a source file is newer than the last build,
// so `npm start` and `npm test` work straight after a clone or an edit, and cost nothing when up to date.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function newest(paths) {
  let latest = 0;
  const walk = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'dist') walk(join(path, entry));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const p of paths) walk(resolve(root, p));
  return latest;
}

function stale(stamp, sources) {
  const stampPath = resolve(root, 'dist', stamp);
  return !existsSync(stampPath) || statSync(stampPath).mtimeMs < newest(sources);
}

function build(script, stamp) {
  console.error(`[verity] building (${script})…`);
  execSync(`npm run --silent ${script}`, { cwd: root, stdio: ['ignore', 2, 2] });
  writeFileSync(resolve(root, 'dist', stamp), new Date().toISOString());
}

const shared = ['package.json', 'package-lock.json', 'tsconfig.json'];
if (
  stale('.server-built', [
    'apps/api/src',
    'apps/worker/src',
    'libs',
    'migrations',
    'scripts',
    'tsconfig.build.json',
    'nest-cli.json',
    ...shared,
  ])
) {
  build('build:server', '.server-built');
}
if (
  stale('.admin-built', [
    'apps/admin/src',
    'apps/admin/index.html',
    'apps/admin/vite.config.ts',
    'apps/admin/public',
    'apps/api/openapi.json',
    ...shared,
  ])
) {
  build('build:admin', '.admin-built');
}
