import { Engine, type RuleProperties } from 'json-rules-engine';
import { firedRule, rulePriority, type RuleFacts } from './rule-set.compiler.js';
import type { FiredRule, RuleSetDocument } from './rule-set.document.js';

/**
 * json-rules-engine's options for the reference semantics: a fact the vector lacks is undefined (comparisons with it
 * fail, notEqual holds) instead of an error; condition references are rejected by validation anyway.
 */
export const JSON_RULES_ENGINE_OPTIONS = { allowUndefinedFacts: true, allowUndefinedConditions: false } as const;

/** A reusable json-rules-engine evaluator for one document (for benchmarks and backtests against the reference). */
export interface JsonRulesEngineEvaluator {
  evaluate(facts: RuleFacts): Promise<FiredRule[]>;
}

/**
 * Builds a json-rules-engine Engine with the document's rules. Runs are serialised: an Engine keeps one run status,
 * so two overlapping runs on one Engine would skip each other's lower priorities.
 */
export function createJsonRulesEngineEvaluator(doc: RuleSetDocument): JsonRulesEngineEvaluator {
  const engine = new Engine(
    doc.rules.map((rule): RuleProperties => ({
      name: rule.name,
      ...(rule.priority === undefined ? {} : { priority: rule.priority }),
      conditions: structuredClone(rule.conditions),
      event: structuredClone(rule.event),
    })),
    JSON_RULES_ENGINE_OPTIONS,
  );
  // The order the fired rules are listed in: priority descending, then document order (json-rules-engine runs the
  // rules of one priority concurrently, so the order in which it reports them carries no meaning).
  const rank = new Map(
    doc.rules
      .map((rule, index) => ({ rule, index, priority: rulePriority(rule) }))
      .sort((a, b) => b.priority - a.priority || a.index - b.index)
      .map(({ rule }, position) => [rule.name, { position, fired: firedRule(rule) }]),
  );
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (facts: RuleFacts): Promise<FiredRule[]> => {
    const { results } = await engine.run({ ...facts });
    return results
      .map((result) => {
        const entry = rank.get(String(result.name));
        if (!entry) throw new Error(`json-rules-engine reported an unknown rule "${String(result.name)}"`);
        return entry;
      })
      .sort((a, b) => a.position - b.position)
      .map((entry) => entry.fired);
  };

  return {
    evaluate(facts) {
      const next = queue.then(() => run(facts));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** The reference semantics: evaluates `facts` with json-rules-engine itself (slow; the real-time path compiles). */
export async function evaluateWithJsonRulesEngine(doc: RuleSetDocument, facts: RuleFacts): Promise<FiredRule[]> {
  return createJsonRulesEngineEvaluator(doc).evaluate(facts);
}
