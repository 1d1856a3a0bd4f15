import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the person behind a session last proved who they are (sign-in, password or TOTP re-entry): four-eyes approvals
 * demand a recent one.
 */
export class AddSessionReauthentication1795458705000 implements MigrationInterface {
  name = 'AddSessionReauthentication1795458705000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "identity_sessions" ADD "reauthenticated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "identity_sessions" DROP COLUMN "reauthenticated_at"`);
  }
}
