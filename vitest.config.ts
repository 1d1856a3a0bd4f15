import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The same aliases as tsconfig.json's paths. */
const alias = [
  { find: /^@platform\/([^/]+)$/, replacement: `${root}libs/platform/$1/src/index.ts` },
  { find: /^@domains\/([^/]+)$/, replacement: `${root}libs/domains/$1/src/index.ts` },
  { find: /^@apps\/api\/testing$/, replacement: `${root}apps/api/test/api.harness.ts` },
  { find: /^@apps\/(api|worker)$/, replacement: `${root}apps/$1/src/index.ts` },
  { find: /^@migrations$/, replacement: `${root}migrations/index.ts` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    // One database and one queue backend are shared: files run one at a time, tests inside a file in order.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: [`${root}libs/platform/testing/src/global.setup.ts`],
    projects: [
      { extends: true, test: { name: 'unit', include: ['{apps,libs,scripts}/**/*.spec.ts'] } },
      { extends: true, test: { name: 'integration', include: ['{apps,libs,scripts}/**/*.int-spec.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['apps/api/test/**/*.e2e-spec.ts'] } },
      { extends: true, test: { name: 'browser', include: ['{apps,libs}/**/*.browser-spec.ts'] } },
    ],
  },
});
