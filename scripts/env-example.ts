import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot, renderEnvExample } from '@platform/config';

/** Writes .env.example from the config schema (`--check`: fails when the committed file differs). */
const target = resolve(projectRoot(), '.env.example');
const text = renderEnvExample();
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('.env.example is out of date: run `npm run env:example` and commit it');
    process.exit(1);
  }
  console.log('.env.example matches the config schema');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
