import { configVariables, type ConfigVariable } from './config.schema.js';

/** Renders `.env.example` from the schema so the two can never disagree. */
export function renderEnvExample(): string {
  const lines = [
    '# Verity configuration. Generated from libs/platform/config/src/config.schema.ts by `npm run env:example`.',
    '# Every variable is optional on a laptop; see README.md for production.',
    '',
  ];
  for (const [name, variable] of Object.entries(configVariables) as [string, ConfigVariable][]) {
    lines.push(`# ${variable.description}${variable.secret ? ' [secret: never logged]' : ''}`);
    lines.push(`# ${name}=${variable.example ?? ''}`);
    lines.push('');
  }
  return lines.join('\n');
}
