import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '@platform/config';
import { describe, expect, it } from 'vitest';
import { renderFeaturesMarkdown } from './feature.docs.js';
import { FEATURES } from './feature.schema.js';

describe('docs/features.md', () => {
  it('is generated from the feature schema (run npm run features:doc when this fails)', () => {
    expect(readFileSync(resolve(projectRoot(), 'docs', 'features.md'), 'utf8')).toBe(renderFeaturesMarkdown());
  });

  it('lists every feature with its formula', () => {
    const md = renderFeaturesMarkdown();
    for (const f of FEATURES) expect(md).toContain(`\`${f.name}\``);
    expect(md).toContain('(x.amount − μ30) / max(σ30, 1)');
  });
});
