import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ISO20022_DIRECTIONS = ['in', 'out'] as const;
export type Iso20022Direction = (typeof ISO20022_DIRECTIONS)[number];

export const ISO20022_MESSAGE_STATUSES = [
  'accepted',
  'pending',
  'rejected',
  'partially_accepted',
  'generated',
] as const;
export type Iso20022MessageStatus = (typeof ISO20022_MESSAGE_STATUSES)[number];

/** The parsed view of a message kept beside its XML: what the message log shows without parsing again. */
export type Iso20022MessageSummary = { [key: string]: unknown };

/**
 * Every ISO 20022 message received or sent, with its SHA-256. A rejected inbound message keeps only its rejection
 * record: `xml` is null when the body was refused before it could be read as UTF-8 XML (too large, DTD, not UTF-8).
 */
@Entity({ name: 'iso20022_messages' })
@Check('CHK_iso20022_messages_direction', `"direction" IN ('in', 'out')`)
@Check(
  'CHK_iso20022_messages_status',
  `"status" IN ('accepted', 'pending', 'rejected', 'partially_accepted', 'generated')`,
)
@Check('CHK_iso20022_messages_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Index('iso20022_messages_tenant_created', ['tenantId', 'createdAt'])
@Index('iso20022_messages_tenant_msg_id', ['tenantId', 'msgId'])
@Index('iso20022_messages_related', ['relatedMessageId'])
export class Iso20022MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  direction: Iso20022Direction;

  /** The message definition, e.g. `pacs.008.001.08`; `unknown` when the message could not be identified. */
  @Column({ name: 'message_type', type: 'text' })
  messageType: string;

  /** GrpHdr/MsgId. */
  @Column({ name: 'msg_id', type: 'text', nullable: true })
  msgId: string | null;

  /** AppHdr/BizMsgIdr, when the message came in (or went out) with a business application header. */
  @Column({ name: 'business_message_id', type: 'text', nullable: true })
  businessMessageId: string | null;

  @Column({ type: 'text' })
  status: Iso20022MessageStatus;

  /** Why the message was rejected (or what was wrong with part of it). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** SHA-256 (hex) of the exact bytes received or sent. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text', nullable: true })
  xml: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary: Iso20022MessageSummary;

  /** The message this one answers (a status report points to the message it reports on). */
  @Column({ name: 'related_message_id', type: 'uuid', nullable: true })
  relatedMessageId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
