import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '@platform/config';
import { renderFeaturesMarkdown } from '@domains/monitoring';

/** Writes docs/features.md from the feature schema (`--check`: fails when the committed file differs). */
const target = resolve(projectRoot(), 'docs', 'features.md');
const text = renderFeaturesMarkdown();
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('docs/features.md is out of date: run `npm run features:doc` and commit it');
    process.exit(1);
  }
  console.log('docs/features.md matches the feature schema');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
