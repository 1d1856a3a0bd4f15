import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';

/** One query that changes its answer whenever the published rule set or the active models change. */
@Injectable()
export class PublishedConfigRepository {
  async stamp(tx: Tx, tenantId: string): Promise<string> {
    const [row]: { stamp: string | null }[] = await tx.query(
      `SELECT concat_ws('|',
          (SELECT id::text || '@' || version FROM monitoring_rule_sets WHERE tenant_id = $1 AND status = 'published'),
          (SELECT string_agg(id::text || ':' || status, ',' ORDER BY id)
             FROM monitoring_models WHERE tenant_id = $1 AND status IN ('champion', 'shadow'))) AS stamp`,
      [tenantId],
    );
    return row?.stamp ?? '';
  }
}
