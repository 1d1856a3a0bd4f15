import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

export class AuditEntriesQueryDto {
  /** First leaf index to return. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_TREE_SIZE)
  start: number;

  /** Index after the last one to return (exclusive); at most 1000 past `start`, and clamped to the tree size. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE_SIZE)
  end?: number;
}

export class InclusionProofQueryDto {
  /** Leaf index of the entry. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_TREE_SIZE)
  index: number;

  /** Tree size of the checkpoint the proof is checked against (greater than `index`). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE_SIZE)
  size: number;
}

export class ConsistencyProofQueryDto {
  /** The older, smaller tree size. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_TREE_SIZE)
  from: number;

  /** The newer tree size (at least `from`). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_TREE_SIZE)
  to: number;
}

export class AuditProofDto {
  /** Base64 SHA-256 hashes in RFC 6962 / RFC 9162 order. */
  @ApiProperty({ type: [String], example: ['lV3uMp9qHc2L3ZkwvGBrUhMYAtlnrYsIdJZ1a4iJNT8='] })
  hashes: string[];
}

export class AuditPartyDto {
  @ApiProperty({ example: 'user' })
  type: string;

  @ApiProperty({ example: '6f0c4c39-8c2b-4c63-9d52-3b4f1d1c7a10' })
  id: string;
}

export class AuditEntryDto {
  /** Leaf index in the tenant's log. */
  index: number;

  /** Base64 of the exact bytes whose RFC 6962 leaf hash, SHA-256(0x00 ‖ bytes), the tree holds. */
  leaf: string;

  /** False when the stored entry no longer hashes to its leaf in the tree: the row was altered. */
  leafMatchesTree: boolean;

  /** Database time of the recording transaction (RFC 3339, UTC, microseconds). */
  @ApiProperty({ example: '2026-01-31T09:15:02.123456Z' })
  recordedAt: string;

  actor: AuditPartyDto;

  /** What happened, e.g. `identity.sign_in.succeeded`. */
  action: string;

  subject: AuditPartyDto;

  /** Base64 SHA-256(salt ‖ canonical JSON payload): what the leaf commits to instead of the payload. */
  payloadHash: string;

  /** `present`; `erased` (the data subject was erased: the payload is gone, the proofs still hold); `tampered`. */
  @ApiProperty({ enum: ['present', 'erased', 'tampered'] })
  payloadStatus: 'present' | 'erased' | 'tampered';

  /** The decoded payload when present. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  payload: Record<string, unknown> | null;
}

export class AuditEntriesPageDto {
  /** Entries the log has integrated so far. */
  treeSize: number;

  start: number;

  /** Exclusive end of the entries returned. */
  end: number;

  @ApiProperty({ type: [AuditEntryDto] })
  entries: AuditEntryDto[];
}

export class AuditKeysDto {
  /** The log's origin, the first line of its checkpoints; null before the tenant's first entry. */
  @ApiProperty({ type: String, nullable: true, example: 'verity.local/demo' })
  origin: string | null;

  /** C2SP signed-note verifier keys (`<name>+<key id>+<base64 key>`) of every key that ever signed a checkpoint. */
  @ApiProperty({ type: [String], example: ['verity.local+1a2b3c4d+AU2w...'] })
  keys: string[];

  /** The keys whose signatures the latest checkpoint carries (two while a rotation overlaps). */
  @ApiProperty({ type: [String], example: ['verity.local+1a2b3c4d+AU2w...'] })
  current: string[];

  /** Verifier keys of the witnesses configured to cosign this log's checkpoints (AUDIT_WITNESSES). */
  @ApiProperty({ type: [String], example: ['witness.example+5e6f7a8b+AX9k...'] })
  witnesses: string[];

  /** How many of those witnesses must cosign before a checkpoint is published (0: none required). */
  @ApiProperty({ example: 0 })
  witnessQuorum: number;
}
