import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every key that ever signed a checkpoint, in C2SP verifier-key form. The worker adds its keys here before it signs
 * with them, so the api publishes them (GET /v1/audit/keys) without ever holding a private key, and keys retired
 * after a rotation stay listed for the old checkpoints they signed. Write-once.
 */
@Entity({ name: 'audit_verifier_keys' })
export class AuditVerifierKeyEntity {
  /** `<name>+<hex key id>+<base64(0x01 ‖ Ed25519 public key)>`. */
  @PrimaryColumn({ name: 'verifier_key', type: 'text' })
  verifierKey: string;

  @Column({ name: 'key_name', type: 'text' })
  keyName: string;

  /** The uint32 key id of c2sp.org/signed-note, which the signature lines carry. */
  @Column({ name: 'key_id', type: 'bigint' })
  keyId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
