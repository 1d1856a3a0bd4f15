import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { AnchorHistoryService } from '../anchor/anchor-history.service.js';
import { encodeBase64 } from '../canonical/base64.codec.js';
import {
  AuditAnchorsDto,
  AuditAnchorsQueryDto,
  AuditCheckpointsDto,
  AuditCheckpointsQueryDto,
} from './audit-anchors.dto.js';

/** The caller's tenant log's checkpoint history and the anchor receipts of its checkpoints. */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditAnchorsController {
  constructor(private readonly history: AnchorHistoryService) {}

  /** Anchor receipts (write-once directory, RFC 3161 time-stamps) of the log's checkpoints; empty before any. */
  @RequirePermission('audit:read')
  @Get('anchors')
  @ApiOkResponse({ type: AuditAnchorsDto })
  async anchors(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditAnchorsQueryDto,
  ): Promise<AuditAnchorsDto> {
    const receipts = await this.history.receipts(principal.tenantId, {
      treeSize: query.size,
      limit: query.limit ?? 100,
    });
    return {
      receipts: receipts.map((r) => ({
        size: r.treeSize,
        kind: r.kind,
        receipt: { ...r.receipt },
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  /** The log's published checkpoints (size, root, time), newest first; empty before the first. */
  @RequirePermission('audit:read')
  @Get('checkpoints')
  @ApiOkResponse({ type: AuditCheckpointsDto })
  async checkpoints(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditCheckpointsQueryDto,
  ): Promise<AuditCheckpointsDto> {
    const checkpoints = await this.history.checkpoints(principal.tenantId, query.limit ?? 100);
    return {
      checkpoints: checkpoints.map((c) => ({
        size: c.treeSize,
        root: encodeBase64(c.rootHash),
        createdAt: c.createdAt.toISOString(),
      })),
    };
  }
}
