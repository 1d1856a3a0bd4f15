import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';

@Injectable()
export class AlertIntakeCursorRepository {
  async get(tx: Tx, tenantId: string, source: string): Promise<Date | null> {
    const rows: { read_until: Date }[] = await tx.query(
      `SELECT read_until FROM case_alert_intake_cursors WHERE tenant_id = $1 AND source = $2`,
      [tenantId, source],
    );
    return rows[0]?.read_until ?? null;
  }

  /** Moves the cursor forward only (a slower concurrent pass never moves it back). */
  async advance(tx: Tx, tenantId: string, source: string, readUntil: Date): Promise<void> {
    await tx.query(
      `INSERT INTO case_alert_intake_cursors (tenant_id, source, read_until) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, source) DO UPDATE
         SET read_until = GREATEST(case_alert_intake_cursors.read_until, EXCLUDED.read_until), updated_at = now()`,
      [tenantId, source, readUntil],
    );
  }
}
