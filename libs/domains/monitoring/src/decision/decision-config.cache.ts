import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { compileRuleSet, type CompiledRuleSet } from '../rules/rule-set.compiler.js';
import type { RuleSetThresholds } from '../rules/rule-set.document.js';
import { PublishedConfigReader } from '../rule-set/published-config.reader.js';
import { DEFAULT_THRESHOLDS } from './decision.combiner.js';
import { DecisionModelLoader, type LoadedModel } from './decision-model.loader.js';

/** How long a tenant's configuration is used before its stamp is checked again. */
export const CONFIG_CHECK_INTERVAL_MS = 2_000;
/** A replaced model session is released this long after, so that decisions still using it can finish. */
const RELEASE_DELAY_MS = 30_000;

export interface DecisionModel {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly model: LoadedModel;
}

/** What one tenant's decisions use: the compiled published rule set and the loaded champion and shadows. */
export interface TenantDecisionConfig {
  readonly stamp: string;
  readonly ruleSet: { readonly id: string; readonly version: number; readonly compiled: CompiledRuleSet } | null;
  readonly thresholds: RuleSetThresholds;
  readonly champion: DecisionModel | null;
  readonly shadows: readonly DecisionModel[];
}

interface CacheEntry {
  config: TenantDecisionConfig;
  checkedAt: number;
}

/**
 * Per-tenant cache of the decision configuration. The published rule set is compiled once and the models loaded
 * once per version; every ~2 s a request checks the tenant's stamp (one cheap query) and, when it changed, reloads.
 * Concurrent requests of a tenant share one check (single flight). A publication therefore takes effect within about
 * two seconds on every api process.
 */
@Injectable()
export class DecisionConfigCache implements OnModuleDestroy {
  private readonly logger = new Logger('DecisionConfigCache');
  private readonly entries = new Map<string, CacheEntry>();
  private readonly refreshing = new Map<string, Promise<TenantDecisionConfig>>();
  /** Loaded sessions by model version id, shared across tenants' stamps. */
  private readonly models = new Map<string, Promise<LoadedModel>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly reader: PublishedConfigReader,
    private readonly loader: DecisionModelLoader,
  ) {}

  async forTenant(tenantId: string): Promise<TenantDecisionConfig> {
    const entry = this.entries.get(tenantId);
    if (entry && Date.now() - entry.checkedAt < CONFIG_CHECK_INTERVAL_MS) return entry.config;
    const pending = this.refreshing.get(tenantId);
    if (pending) return pending;
    const refresh = this.refresh(tenantId, entry).finally(() => this.refreshing.delete(tenantId));
    this.refreshing.set(tenantId, refresh);
    return refresh;
  }

  private async refresh(tenantId: string, entry: CacheEntry | undefined): Promise<TenantDecisionConfig> {
    const stamp = await this.reader.stamp(tenantId);
    if (entry && entry.config.stamp === stamp) {
      entry.checkedAt = Date.now();
      return entry.config;
    }
    const [published, active] = await Promise.all([
      this.reader.publishedRuleSet(tenantId),
      this.reader.activeModels(tenantId),
    ]);
    const load = async (m: (typeof active)[number]): Promise<DecisionModel> => ({
      id: m.id,
      name: m.name,
      version: m.version,
      model: await this.session(m.id, m.bytes),
    });
    const championRow = active.find((m) => m.status === 'champion');
    const config: TenantDecisionConfig = {
      stamp,
      ruleSet: published
        ? { id: published.id, version: published.version, compiled: compileRuleSet(published.document) }
        : null,
      thresholds: published ? published.document.thresholds : DEFAULT_THRESHOLDS,
      champion: championRow ? await load(championRow) : null,
      shadows: await Promise.all(active.filter((m) => m.status === 'shadow').map(load)),
    };
    this.entries.set(tenantId, { config, checkedAt: Date.now() });
    this.releaseUnused();
    return config;
  }

  private session(id: string, bytes: Uint8Array): Promise<LoadedModel> {
    let session = this.models.get(id);
    if (!session) {
      session = this.loader.load(bytes);
      this.models.set(id, session);
      // A model that fails to load is retried at the next refresh instead of being cached broken.
      session.catch(() => this.models.delete(id));
    }
    return session;
  }

  /** Releases sessions no tenant's current configuration uses any more, after a grace period. */
  private releaseUnused(): void {
    const used = new Set<string>();
    for (const { config } of this.entries.values()) {
      if (config.champion) used.add(config.champion.id);
      for (const shadow of config.shadows) used.add(shadow.id);
    }
    for (const [id, session] of this.models) {
      if (used.has(id)) continue;
      this.models.delete(id);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        session.then((m) => m.release()).catch((error: unknown) => this.logger.warn({ err: error }, 'release failed'));
      }, RELEASE_DELAY_MS);
      timer.unref();
      this.timers.add(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const sessions = [...this.models.values()];
    this.models.clear();
    this.entries.clear();
    await Promise.allSettled(sessions.map(async (s) => (await s).release()));
  }
}
