import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '@platform/database';

export interface StoredCheckpoint {
  readonly id: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
  readonly createdAt: Date;
  /** Milliseconds since it was published, in database time. */
  readonly ageMs: number;
}

interface CheckpointRow {
  id: string;
  tree_size: string;
  root_hash: Buffer;
  note: string;
  created_at: Date;
  age_ms: number;
}

const toStored = (row: CheckpointRow): StoredCheckpoint => ({
  id: String(row.id),
  treeSize: Number(row.tree_size),
  rootHash: new Uint8Array(row.root_hash),
  note: row.note,
  createdAt: row.created_at,
  ageMs: Math.max(0, row.age_ms),
});

const COLUMNS = `id, tree_size, root_hash, note, created_at,
  (EXTRACT(EPOCH FROM now() - created_at) * 1000)::float8 AS age_ms`;

@Injectable()
export class AuditCheckpointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async latest(logId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredCheckpoint | null> {
    const rows: CheckpointRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE log_id = $1 ORDER BY id DESC LIMIT 1`,
      [logId],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Every checkpoint of a log in publication order, for history views and fsck. */
  async list(logId: string, afterId = '0', limit = 1_000): Promise<StoredCheckpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE log_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [logId, afterId, limit],
    );
    return rows.map(toStored);
  }

  /** The newest `limit` checkpoints of a log, newest first, for the checkpoint history. */
  async recent(logId: string, limit: number): Promise<StoredCheckpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints WHERE log_id = $1 ORDER BY id DESC LIMIT $2`,
      [logId, limit],
    );
    return rows.map(toStored);
  }

  /** Publishes signer keys (idempotent), in the transaction of the first checkpoint they sign. */
  async publishVerifierKeys(
    tx: Tx,
    keys: readonly { verifierKey: string; name: string; keyId: number }[],
  ): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(
      `INSERT INTO audit_verifier_keys (verifier_key, key_name, key_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`,
      [keys.map((k) => k.verifierKey), keys.map((k) => k.name), keys.map((k) => k.keyId)],
    );
  }

  /** Every key that ever signed a checkpoint, oldest first, with its name and id as signature lines carry them. */
  async verifierKeys(): Promise<{ verifierKey: string; name: string; keyId: number }[]> {
    const rows: { verifier_key: string; key_name: string; key_id: string }[] = await this.dataSource.query(
      'SELECT verifier_key, key_name, key_id FROM audit_verifier_keys ORDER BY created_at, verifier_key',
    );
    return rows.map((r) => ({ verifierKey: r.verifier_key, name: r.key_name, keyId: Number(r.key_id) }));
  }

  async insert(
    tx: Tx,
    checkpoint: { logId: string; treeSize: number; rootHash: Uint8Array; note: string },
  ): Promise<void> {
    await tx.query('INSERT INTO audit_checkpoints (log_id, tree_size, root_hash, note) VALUES ($1, $2, $3, $4)', [
      checkpoint.logId,
      checkpoint.treeSize,
      Buffer.from(checkpoint.rootHash),
      checkpoint.note,
    ]);
  }
}
