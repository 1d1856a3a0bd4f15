import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { RISK_MATRIX_STATUSES, type RiskMatrixStatus } from './risk-matrix.entity.js';

export class SaveRiskMatrixDraftDto {
  /**
   * The whole matrix: `thresholds`, `country`, `product`, `channel`, `pep`, `sanctionsProximity`, `occupation`,
   * `adverseMedia`, `reviewMonths` (see GET /v1/risk-matrix for the active one to start from). Checked strictly.
   */
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  definition: Record<string, unknown>;
}

export class RiskMatrixDto {
  id: string;
  version: number;
  @ApiProperty({ enum: RISK_MATRIX_STATUSES })
  status: RiskMatrixStatus;
  @ApiProperty({ type: 'object', additionalProperties: true })
  definition: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true })
  createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  activatedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  approvedBy: string | null;
  @ApiProperty({ type: String, nullable: true })
  approvalRequestId: string | null;
}

export class PendingMatrixApprovalDto {
  /** Approve at `POST /v1/approvals/{id}/approve`. */
  id: string;
  contentHash: string;
  requestedBy: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class RiskMatrixOverviewDto {
  active: RiskMatrixDto;
  @ApiProperty({ type: RiskMatrixDto, nullable: true })
  draft: RiskMatrixDto | null;
  /** The draft's approval request waiting for a second person, if submitted. */
  @ApiProperty({ type: PendingMatrixApprovalDto, nullable: true })
  pendingApproval: PendingMatrixApprovalDto | null;
  @ApiProperty({ type: [RiskMatrixDto] })
  versions: RiskMatrixDto[];
}

export class SubmittedRiskMatrixDto {
  approval: PendingMatrixApprovalDto;
}
