import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { measureRuleEngines } from './bench-rules.lib.js';

/**
 * `npm run bench:rules`: facts per second of json-rules-engine (the reference) and of the compiled evaluator on the
 * default 50-rule AML set, over the same seeded fact vectors, in one process on one core. Both engines are checked to
 * fire the same rules on every vector before timing.
 *
 * BENCH_RULES_VECTORS (default 5,000) fact vectors; BENCH_RULES_SECONDS (default 3) minimum time for the compiled
 * loop; BENCH_RULES_RUNS (default 3) repetitions, the median is reported.
 */
const VECTORS = Number(process.env.BENCH_RULES_VECTORS ?? 5_000);
const SECONDS = Number(process.env.BENCH_RULES_SECONDS ?? 3);
const RUNS = Number(process.env.BENCH_RULES_RUNS ?? 3);

const say = (line: string): void => console.log(line);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const format = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const cpu = cpus();
  say(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`,
  );
  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    const result = await measureRuleEngines({ count: VECTORS, seed: 1, minCompiledSeconds: SECONDS });
    runs.push(result);
    say(
      `run ${run}: ${result.rules} rules, ${result.vectors} vectors (${result.firedPerVector.toFixed(2)} rules fired per vector): ` +
        `json-rules-engine ${format(result.jsonRulesEngine.factsPerSecond)} facts/s, ` +
        `compiled ${format(result.compiled.factsPerSecond)} facts/s, ×${result.speedup.toFixed(0)}`,
    );
  }
  const jre = median(runs.map((r) => r.jsonRulesEngine.factsPerSecond));
  const compiled = median(runs.map((r) => r.compiled.factsPerSecond));
  say(`median of ${RUNS}: json-rules-engine ${format(jre)} facts/s`);
  say(`median of ${RUNS}: compiled          ${format(compiled)} facts/s`);
  say(`speed-up (compiled / json-rules-engine): ×${(compiled / jre).toFixed(0)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
