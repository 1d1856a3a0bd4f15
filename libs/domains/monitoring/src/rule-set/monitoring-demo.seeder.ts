import { Logger, type INestApplicationContext } from '@nestjs/common';
import { TransactionDecisionService, type IngestionCaller } from '../decision/transaction-decision.service.js';
import { ModelRegistryService } from '../model-registry/model-registry.service.js';
import { readDefaultModel } from '../model/default-model.reader.js';
import { defaultAmlRuleSet } from '../rules/default-rule-set.js';
import { generateSyntheticTransactions } from '../synthetic/synthetic-transaction.generator.js';
import type { TransactionDto } from '../transaction/transaction.dto.js';
import { PublishedConfigReader } from './published-config.reader.js';
import { RuleSetService } from './rule-set.service.js';

const SEED_ACTOR = 'demo-seed';
/** Synthetic history is fed for at most this long at boot (batch by batch); what is decided by then stays. */
const SYNTHETIC_BUDGET_MS = 8_000;
const BATCH = 200;

export interface MonitoringDemoOutcome {
  readonly ruleSetVersion: number | null;
  readonly championModelId: string | null;
  readonly syntheticTransactions: number;
}

/**
 * Makes the demo tenant decide out of the box: publishes the default AML rule set and registers the shipped default
 * model as champion (both as the system, audited as `demo-seed`, without four-eyes), then feeds a synthetic history
 * through the real decision path so the explorer and backtests have data. Skips what the tenant already has.
 */
export async function seedMonitoringDemo(
  app: INestApplicationContext,
  tenantId: string,
  options: { syntheticBudgetMs?: number; syntheticMax?: number } = {},
): Promise<MonitoringDemoOutcome> {
  const logger = new Logger('MonitoringDemoSeed');
  const reader = app.get(PublishedConfigReader);
  let ruleSetVersion = (await reader.publishedRuleSet(tenantId))?.version ?? null;
  if (ruleSetVersion === null) {
    const published = await app
      .get(RuleSetService)
      .publishAsSystem(tenantId, 'Default AML rules', defaultAmlRuleSet(), SEED_ACTOR);
    ruleSetVersion = published.version;
  }
  let championModelId = (await reader.activeModels(tenantId)).find((m) => m.status === 'champion')?.id ?? null;
  if (championModelId === null) {
    try {
      const model = await readDefaultModel();
      const champion = await app.get(ModelRegistryService).registerChampionAsSystem(
        tenantId,
        {
          name: 'default-model',
          bytes: model.bytes,
          evaluation: model.evaluation as unknown as Record<string, unknown>,
        },
        SEED_ACTOR,
      );
      championModelId = champion.id;
    } catch (error) {
      // A checkout without the trained model (npm run model:train) still gets the rules.
      logger.warn(`no default model registered: ${(error as Error).message}`);
    }
  }
  const syntheticTransactions = await feedSyntheticHistory(
    app,
    tenantId,
    { budgetMs: options.syntheticBudgetMs ?? SYNTHETIC_BUDGET_MS, max: options.syntheticMax ?? Infinity },
    logger,
  );
  return { ruleSetVersion, championModelId, syntheticTransactions };
}

async function feedSyntheticHistory(
  app: INestApplicationContext,
  tenantId: string,
  limits: { budgetMs: number; max: number },
  logger: Logger,
): Promise<number> {
  if (limits.budgetMs <= 0 || limits.max <= 0) return 0;
  const decisions = app.get(TransactionDecisionService);
  const days = 30;
  const start = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
  start.setUTCDate(start.getUTCDate() - days);
  const history = generateSyntheticTransactions({
    seed: 7,
    customers: 80,
    days,
    typologyRate: 0.15,
    start,
    idPrefix: 'demo',
  });
  // The seed is the system, not a person or a key: the audit entries name it so (the caller type has no 'system').
  const caller = { tenantId, actor: { type: 'system', id: SEED_ACTOR } as unknown as IngestionCaller['actor'] };
  const began = Date.now();
  let fed = 0;
  const total = Math.min(history.length, limits.max);
  for (let i = 0; i < total && Date.now() - began < limits.budgetMs; i += BATCH) {
    const items: TransactionDto[] = history.slice(i, Math.min(i + BATCH, total)).map((t) => ({
      id: t.id,
      customerId: t.customerId,
      accountId: t.accountId,
      direction: t.direction,
      channel: t.channel,
      amount: { value: t.amountMinor, currency: t.currency },
      bookedAt: t.bookedAt.toISOString(),
      counterparty: {
        name: t.counterparty.name,
        ...(t.counterparty.iban ? { iban: t.counterparty.iban } : {}),
        country: t.counterparty.country,
      },
      metadata: { synthetic: true, typology: t.typology },
    }));
    try {
      await decisions.ingest(caller, `demo-seed-${i}`, 'transactions.batch', items, { transactions: items });
    } catch (error) {
      logger.warn(`synthetic history stopped after ${fed} transactions: ${(error as Error).message}`);
      break;
    }
    fed += items.length;
  }
  logger.log(`fed ${fed} of ${history.length} synthetic transactions through the decision path`);
  return fed;
}
