import { performance } from 'node:perf_hooks';
import {
  compileRuleSet,
  createJsonRulesEngineEvaluator,
  DEFAULT_FEATURE_CONFIG,
  defaultAmlRuleSet,
  deriveFeatures,
  emptyAggregates,
  type FeatureInput,
  type FeatureVector,
  type RuleSetDocument,
} from '@domains/monitoring';

/**
 * The rules-engine measurement shared by `npm run bench:rules` and `npm run bench:decisions`: json-rules-engine (the
 * reference semantics) against the compiled evaluator, on the same rule set and the same fact vectors, in one process.
 */

export interface EngineRate {
  /** Fact vectors evaluated in the timed part. */
  evaluated: number;
  milliseconds: number;
  factsPerSecond: number;
}

export interface RuleEngineMeasurement {
  rules: number;
  vectors: number;
  /** Rules fired per vector, on average (the same for both engines: they are checked to agree). */
  firedPerVector: number;
  jsonRulesEngine: EngineRate;
  compiled: EngineRate;
  /** compiled.factsPerSecond / jsonRulesEngine.factsPerSecond. */
  speedup: number;
}

export interface MeasureRuleEnginesOptions {
  /** Default: defaultAmlRuleSet() (50 rules). */
  document?: RuleSetDocument;
  /** Default: `count` vectors from amlFactVectors(count, seed). */
  vectors?: FeatureVector[];
  count?: number;
  seed?: number;
  /** The compiled evaluator loops over the vectors until at least this long (it is too fast to time one pass). */
  minCompiledSeconds?: number;
}

/** Times both engines; throws if they disagree on any vector (a benchmark of a wrong evaluator is worthless). */
export async function measureRuleEngines(options: MeasureRuleEnginesOptions = {}): Promise<RuleEngineMeasurement> {
  const document = options.document ?? defaultAmlRuleSet();
  const vectors = options.vectors ?? amlFactVectors(options.count ?? 5_000, options.seed ?? 1);
  const minCompiledMs = (options.minCompiledSeconds ?? 2) * 1000;
  const reference = createJsonRulesEngineEvaluator(document);
  const compiled = compileRuleSet(document);

  // Warm-up and agreement check over every vector.
  let fired = 0;
  for (const vector of vectors) {
    const expected = (await reference.evaluate(vector)).map((r) => r.name).join();
    const actual = compiled.evaluate(vector).map((r) => r.name);
    if (actual.join() !== expected) {
      throw new Error(`engines disagree on ${JSON.stringify(vector)}: [${expected}] vs [${actual.join()}]`);
    }
    fired += actual.length;
  }

  let started = performance.now();
  for (const vector of vectors) await reference.evaluate(vector);
  const jreMs = performance.now() - started;

  let evaluated = 0;
  let sink = 0;
  started = performance.now();
  let elapsed = 0;
  while (elapsed < minCompiledMs) {
    for (const vector of vectors) sink += compiled.evaluate(vector).length;
    evaluated += vectors.length;
    elapsed = performance.now() - started;
  }
  if (sink !== (fired * evaluated) / vectors.length) throw new Error('compiled evaluator is not deterministic');

  const rate = (count: number, ms: number): EngineRate => ({
    evaluated: count,
    milliseconds: ms,
    factsPerSecond: (count * 1000) / ms,
  });
  const jsonRulesEngine = rate(vectors.length, jreMs);
  const fast = rate(evaluated, elapsed);
  return {
    rules: document.rules.length,
    vectors: vectors.length,
    firedPerVector: fired / vectors.length,
    jsonRulesEngine,
    compiled: fast,
    speedup: fast.factsPerSecond / jsonRulesEngine.factsPerSecond,
  };
}

/** mulberry32, so that every run measures the same vectors. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NORMAL_COUNTRIES = ['DE', 'FR', 'NL', 'ES', 'IT', 'GB', 'US', 'CH', 'PL', 'BE'];
const RISKY_COUNTRIES = ['IR', 'KP', 'MM', 'SY', 'VE', 'VN', 'KE', 'MC', 'BG'];
const CHANNELS = ['card', 'card', 'card', 'sepa', 'sepa', 'wire', 'ach', 'internal', 'cash', 'crypto'];
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'GBP', 'CHF', 'PLN', 'TRY'];
const TYPOLOGIES = ['structuring', 'fanIn', 'fanOut', 'rapid', 'riskyCountry', 'pep', 'screening', 'newAccount'];

/**
 * Feature vectors of plausible transactions through the real feature deriver: mostly ordinary customers (amounts
 * log-normal around their own habits, a few payments a day), and one in ten showing a typology the default rules
 * look for (structuring, fan-in/out, rapid movement, risky jurisdictions, PEPs, screening hits, new accounts).
 */
export function amlFactVectors(count: number, seed = 1): FeatureVector[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const logNormal = (median: number, spread: number): number =>
    median * Math.exp(spread * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
  const bookedAt = new Date('2026-11-21T10:00:00Z');

  return Array.from({ length: count }, () => {
    const typical = logNormal(120, 0.8);
    const perDay = 0.3 + random() * 5;
    let amount = Math.round(logNormal(typical, 1) * 100) / 100;
    const window = (days: number): { count: number; sum: number } => {
      const n = 1 + Math.floor(perDay * days * (0.5 + random()));
      return { count: n, sum: Math.round((n - 1) * typical + amount) };
    };
    const aggregates = emptyAggregates();
    aggregates.customer = { '1h': window(1 / 24), '24h': window(1), '7d': window(7), '30d': window(30) };
    aggregates.account = structuredClone(aggregates.customer);
    const prior = aggregates.customer['30d'].count - 1;
    aggregates.prior30d = { count: prior, sum: prior * typical, sumSquares: prior * typical * typical * 1.5 };
    aggregates.priorCounterpartyCount = random() < 0.2 ? 0 : 1 + Math.floor(random() * 10);
    aggregates.fanIn24h = Math.floor(random() * 2);
    aggregates.fanOut24h = Math.min(aggregates.customer['24h'].count, 1 + Math.floor(random() * 3));
    aggregates.inboundSum24h = random() < 0.3 ? Math.round(logNormal(typical * 3, 1)) : 0;
    const input: FeatureInput = {
      amountBase: amount,
      amountMajor: amount,
      direction: random() < 0.6 ? 'out' : 'in',
      channel: pick(CHANNELS),
      currency: pick(CURRENCIES),
      counterpartyCountry: random() < 0.05 ? null : pick(NORMAL_COUNTRIES),
      bookedAt,
      accountOpenedAt: new Date(bookedAt.getTime() - (30 + random() * 3_000) * 86_400_000),
      kycRiskRating: pick(['low', 'low', 'low', 'medium', 'high', 'unrated'] as const),
      isPep: random() < 0.01,
      counterpartyScreeningScore: random() < 0.9 ? 0 : Math.round(random() * 70) / 100,
      aggregates,
    };

    if (random() < 0.1) {
      switch (pick(TYPOLOGIES)) {
        case 'structuring':
          amount = 9_000 + Math.round(random() * 990);
          aggregates.nearThresholdCount7d = 1 + Math.floor(random() * 6);
          aggregates.customer['24h'] = { count: 2 + Math.floor(random() * 4), sum: amount * 3 };
          input.channel = pick(['cash', 'sepa', 'wire']);
          break;
        case 'fanIn':
          aggregates.fanIn24h = 5 + Math.floor(random() * 30);
          input.direction = 'in';
          break;
        case 'fanOut':
          aggregates.fanOut24h = 5 + Math.floor(random() * 30);
          input.direction = 'out';
          aggregates.priorCounterpartyCount = 0;
          break;
        case 'rapid':
          input.direction = 'out';
          amount = Math.round(logNormal(15_000, 0.6));
          aggregates.inboundSum24h = amount * (1 + random() * 0.2);
          break;
        case 'riskyCountry':
          input.counterpartyCountry = pick(RISKY_COUNTRIES);
          amount = Math.round(logNormal(8_000, 1) / 1_000) * 1_000 || 1_000;
          break;
        case 'pep':
          input.isPep = true;
          amount = Math.round(logNormal(12_000, 0.8));
          break;
        case 'screening':
          input.counterpartyScreeningScore = 0.7 + Math.round(random() * 30) / 100;
          break;
        case 'newAccount':
          input.accountOpenedAt = new Date(bookedAt.getTime() - random() * 30 * 86_400_000);
          amount = Math.round(logNormal(20_000, 0.8));
          aggregates.account['24h'].count = 1 + Math.floor(random() * 15);
          break;
      }
      input.amountBase = amount;
      input.amountMajor = amount;
    }
    return deriveFeatures(input, DEFAULT_FEATURE_CONFIG);
  });
}
