import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

export class AuditAnchorsQueryDto {
  /** Only the receipts of the checkpoint of this tree size. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE_SIZE)
  size?: number;

  /** How many receipts to return at most (newest checkpoints first). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number = 100;
}

export class AuditCheckpointsQueryDto {
  /** How many checkpoints to return at most (newest first). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number = 100;
}

export class AuditAnchorReceiptDto {
  /** Tree size of the anchored checkpoint. */
  size: number;

  /** The anchor's kind: `write-once-directory` or `rfc3161` (see the anchor README). */
  @ApiProperty({ example: 'rfc3161' })
  kind: string;

  /** The receipt as the anchor returned it: plain JSON, with `kind` and `createdAt` and the anchor's own fields. */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { kind: 'rfc3161', createdAt: '2026-01-31T09:15:02.123Z' },
  })
  receipt: Record<string, unknown>;

  /** When the receipt was stored (ISO 8601). */
  createdAt: string;
}

export class AuditAnchorsDto {
  /** Receipts, newest checkpoint first and, per checkpoint, by kind. */
  receipts: AuditAnchorReceiptDto[];
}

export class AuditCheckpointSummaryDto {
  /** Tree size the checkpoint commits to. */
  size: number;

  /** Base64 RFC 6962 root hash of the tree of that size. */
  @ApiProperty({ example: 'lV3uMp9qHc2L3ZkwvGBrUhMYAtlnrYsIdJZ1a4iJNT8=' })
  root: string;

  /** When the checkpoint was published (ISO 8601). */
  createdAt: string;
}

export class AuditCheckpointsDto {
  /** Published checkpoints, newest first. */
  checkpoints: AuditCheckpointSummaryDto[];
}
