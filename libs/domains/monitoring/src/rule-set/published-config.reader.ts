import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import type { RuleSetDocument } from '../rules/rule-set.document.js';
import { ModelVersionRepository } from '../model-registry/model-version.repository.js';
import { PublishedConfigRepository } from './published-config.repository.js';
import { RuleSetVersionRepository } from './rule-set-version.repository.js';

export interface PublishedRuleSet {
  readonly id: string;
  readonly version: number;
  readonly document: RuleSetDocument;
}

export interface ActiveModel {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly status: 'champion' | 'shadow';
  readonly bytes: Uint8Array;
}

/**
 * What the real-time decision uses of the lifecycle: the published rule set and the champion and shadow models of a
 * tenant. `stamp` is a cheap fingerprint of both, so callers can cache the compiled rules and loaded models and
 * reload only when it changes.
 */
@Injectable()
export class PublishedConfigReader {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly config: PublishedConfigRepository,
    private readonly ruleSets: RuleSetVersionRepository,
    private readonly models: ModelVersionRepository,
  ) {}

  /** Changes whenever the published rule set or the set of champion/shadow models changes. */
  stamp(tenantId: string): Promise<string> {
    return this.transactions.run((tx) => this.config.stamp(tx, tenantId), { tenantId });
  }

  publishedRuleSet(tenantId: string): Promise<PublishedRuleSet | null> {
    return this.transactions.run(
      async (tx) => {
        const row = await this.ruleSets.findPublished(tx, tenantId);
        return row ? { id: row.id, version: row.version, document: row.document } : null;
      },
      { tenantId },
    );
  }

  /** The champion first, then the shadows (oldest first), with their ONNX bytes. */
  activeModels(tenantId: string): Promise<ActiveModel[]> {
    return this.transactions.run(
      async (tx) => {
        const rows = await this.models.findActiveWithBytes(tx, tenantId);
        return rows
          .filter(
            (m): m is typeof m & { status: 'champion' | 'shadow' } => m.status === 'champion' || m.status === 'shadow',
          )
          .map((m) => ({
            id: m.id,
            name: m.name,
            version: m.version,
            status: m.status,
            bytes: new Uint8Array(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength),
          }));
      },
      { tenantId },
    );
  }
}
