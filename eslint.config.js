// Type-aware lint with the house boundaries (STYLE.md): what may import what is checked here, not by review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Exact module names go to `paths` (a `group` pattern would also match @nestjs/typeorm for "typeorm").
const restrict = (rules) => [
  'error',
  {
    patterns: rules.filter((r) => !r.names),
    paths: rules.flatMap((r) => (r.names ?? []).map((name) => ({ name, message: r.message }))),
  },
];
const names = (list, message) => ({ names: list, message });

const typeormMessage = 'typeorm only in *.entity.ts, *.repository.ts, platform/database and migrations';
const bullmqMessage = 'bullmq only in *.processor.ts and platform/queue';
const noTypeorm = names(['typeorm', '@nestjs/typeorm'], typeormMessage);
const noBullmq = names(['bullmq', '@nestjs/bullmq'], bullmqMessage);
const noIo = names(
  ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https'],
  'services do no I/O: use a repository or a driver',
);
const noDeepDomain = {
  group: ['@domains/*/*'],
  message: 'import another domain through its index only (@domains/<name>)',
};
const noCrossFolder = {
  regex: '^(\\.\\./){3,}|/(libs|apps)/',
  message: 'no ../ imports across folders: use @platform/*, @domains/*, @apps/*',
};
const noApps = { group: ['@apps/*', '@apps/api/testing'], message: 'libs never import an app' };
const noDomains = { group: ['@domains/*'], message: 'platform never imports a domain' };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'apps/admin/src/api/schema.d.ts',
      'scripts/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-restricted-imports': restrict([noCrossFolder, noDeepDomain, noTypeorm, noBullmq]) },
  },
  {
    files: ['**/*.entity.ts', '**/*.repository.ts', 'libs/platform/database/**', 'migrations/**', 'scripts/**'],
    rules: { 'no-restricted-imports': restrict([noCrossFolder, noDeepDomain, noBullmq]) },
  },
  {
    files: ['**/*.processor.ts', 'libs/platform/queue/**'],
    rules: { 'no-restricted-imports': restrict([noCrossFolder, noDeepDomain, noTypeorm]) },
  },
  {
    files: [
      'libs/platform/queue/**/*.repository.ts',
      'libs/platform/queue/**/*.entity.ts',
      'libs/platform/queue/queue.module.ts',
    ],
    rules: { 'no-restricted-imports': restrict([noCrossFolder, noDeepDomain]) },
  },
  {
    // Modules wire entities and queues into Nest; they still never touch the raw drivers.
    files: ['**/*.module.ts'],
    rules: {
      'no-restricted-imports': restrict([
        noCrossFolder,
        noDeepDomain,
        names(['typeorm'], typeormMessage),
        names(['bullmq'], bullmqMessage),
      ]),
    },
  },
  {
    files: ['**/*.service.ts'],
    rules: { 'no-restricted-imports': restrict([noCrossFolder, noDeepDomain, noTypeorm, noBullmq, noIo]) },
  },
  {
    files: ['libs/platform/**'],
    ignores: ['libs/platform/queue/**', 'libs/platform/database/**', 'libs/platform/testing/**'],
    rules: { 'no-restricted-imports': restrict([noCrossFolder, noTypeorm, noBullmq, noDomains, noApps]) },
  },
  {
    files: ['libs/domains/**'],
    ignores: ['**/*.entity.ts', '**/*.repository.ts', '**/*.processor.ts', '**/*.service.ts', '**/*.module.ts'],
    rules: { 'no-restricted-imports': restrict([noCrossFolder, noDeepDomain, noTypeorm, noBullmq, noApps]) },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts', 'apps/*/test/**'],
    rules: {
      'no-restricted-imports': restrict([noCrossFolder, noDeepDomain]),
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['apps/admin/**/*.{ts,tsx}'],
    ignores: ['apps/admin/test/**'],
    languageOptions: {
      parserOptions: { projectService: false, project: ['apps/admin/tsconfig.json', 'apps/admin/tsconfig.node.json'] },
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
