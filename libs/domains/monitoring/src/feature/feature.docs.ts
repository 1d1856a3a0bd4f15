import { DEFAULT_FEATURE_CONFIG } from './feature.deriver.js';
import { FEATURES, MODEL_FEATURES } from './feature.schema.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/features.md, generated from FEATURES (`npm run features:doc`; a unit test fails when the file is stale). */
export function renderFeaturesMarkdown(): string {
  const cfg = DEFAULT_FEATURE_CONFIG;
  const lines = [
    '# Monitoring features',
    '',
    '<!-- Generated from libs/domains/monitoring/src/feature/feature.schema.ts by `npm run features:doc`. Do not edit. -->',
    '',
    'Every transaction is described by these facts. Rules may name any of them; the model takes the number and',
    `flag features as its input, in the order of the table (${MODEL_FEATURES.length} inputs). The real-time pipeline computes`,
    'the aggregates in SQL and the trainer computes them in memory over synthetic histories with the same',
    'definitions; both then call `deriveFeatures` (libs/domains/monitoring/src/feature/feature.deriver.ts).',
    '',
    'Conventions: `x` is the transaction being decided. Amounts are in the base currency, major units. A window',
    '`w` is `x.bookedAt − w < t.bookedAt ≤ x.bookedAt` and includes `x` unless the formula says "prior". Means and',
    'spreads are population statistics. The counterparty key is the IBAN, else the account number, else the name.',
    '',
    '| # | feature | kind | description | formula |',
    '|---:|---|---|---|---|',
    ...FEATURES.map((f) => {
      const index = MODEL_FEATURES.indexOf(f.name);
      return `| ${index >= 0 ? index : '—'} | \`${f.name}\` | ${f.kind} | ${cell(f.description)} | ${cell(f.formula)} |`;
    }),
    '',
    '## Defaults',
    '',
    `- Reporting threshold T = ${cfg.reportingThreshold.toLocaleString('en-US')}, near-threshold band = ${cfg.nearThresholdBand * 100}%.`,
    `- High-risk countries (score 2; FATF "call for action", October 2025): ${cfg.highRiskCountries.join(', ')}.`,
    `- Increased monitoring (score 1; FATF "grey list", October 2025): ${cfg.increasedMonitoringCountries.join(', ')}.`,
    '',
    'Unknown counterparty country: `counterpartyCountry` is the empty string and `counterpartyCountryRisk` is 0.',
    '',
  ];
  return lines.join('\n');
}
