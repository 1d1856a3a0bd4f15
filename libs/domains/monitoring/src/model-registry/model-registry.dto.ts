import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { MODEL_STATUSES, type ModelStatus } from './model-version.entity.js';

export class UploadModelJsonDto {
  /** The model's name; versions count per name (e.g. "aml-gbdt"). */
  @IsString()
  @Length(1, 100)
  name: string;

  /** The ONNX file, base64-encoded. */
  @IsString()
  @IsBase64()
  contentBase64: string;

  /** The training evaluation to keep beside the model (metrics), if any. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  evaluation?: Record<string, unknown>;
}

export class UploadModelQueryDto {
  /** The model's name, for an `application/octet-stream` upload. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class PromoteModelDto {
  /** What the current champion becomes: `shadow` (keeps being scored) or `retired` (default). */
  @ApiProperty({ enum: ['shadow', 'retired'], required: false })
  @IsOptional()
  @IsIn(['shadow', 'retired'])
  previousChampionTo?: 'shadow' | 'retired';
}

export class ModelInputDto {
  name: string;
  @ApiProperty({ type: 'array', items: { type: 'string' }, description: 'Dimensions: a number, or a symbolic name' })
  shape: (number | string)[];
}

export class ModelInspectionDto {
  @ApiProperty({ enum: ['tree_ensemble', 'linear'] })
  kind: 'tree_ensemble' | 'linear';
  @ApiProperty({ type: [ModelInputDto] })
  inputs: ModelInputDto[];
  @ApiProperty({ type: [String], nullable: true })
  featureNames: string[] | null;
}

export class ModelDto {
  id: string;
  name: string;
  version: number;
  @ApiProperty({ enum: MODEL_STATUSES })
  status: ModelStatus;
  sizeBytes: number;
  sha256: string;
  inspection: ModelInspectionDto;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  evaluation: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true })
  createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  statusChangedAt: string;
  /** The promotion request waiting for approval, or the one that made it champion. */
  @ApiProperty({ type: String, nullable: true })
  approvalRequestId: string | null;
}

export class ModelPromotionRequestedDto {
  approvalId: string;
  contentHash: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}
