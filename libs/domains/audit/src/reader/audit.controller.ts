import { Controller, Get, Header, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AppConfig } from '@platform/config';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { encodeBase64 } from '../canonical/base64.codec.js';
import {
  AuditEntriesPageDto,
  AuditEntriesQueryDto,
  AuditKeysDto,
  AuditProofDto,
  ConsistencyProofQueryDto,
  InclusionProofQueryDto,
} from './audit.dto.js';
import { AuditReader, type ReadAuditEntry } from './audit-reader.service.js';
import { parseConfiguredWitnesses } from '../checkpoint/audit-witness-policy.provider.js';

function toEntryDto(entry: ReadAuditEntry): AuditEntriesPageDto['entries'][number] {
  return {
    index: entry.index,
    leaf: encodeBase64(entry.leaf),
    leafMatchesTree: entry.leafMatchesTree,
    recordedAt: entry.recordedAt,
    actor: { ...entry.actor },
    action: entry.action,
    subject: { ...entry.subject },
    payloadHash: encodeBase64(entry.payloadHash),
    payloadStatus: entry.payloadStatus,
    payload: (entry.payload as Record<string, unknown> | null) ?? null,
  };
}

/**
 * The caller's tenant log, in the formats of the transparency-log ecosystem, so that public tools can check it.
 * Readable with `audit:read` by a signed-in user or by the tenant's own API keys.
 */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly reader: AuditReader,
    private readonly config: AppConfig,
  ) {}

  /** The latest signed checkpoint (c2sp.org/tlog-checkpoint in a c2sp.org/signed-note), as plain text. */
  @RequirePermission('audit:read')
  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description: 'The signed note text, exactly as signed.',
    content: {
      'text/plain': { schema: { type: 'string', example: 'verity.local/demo\n42\nq3Xy…=\n\n— verity.local Az3…\n' } },
    },
  })
  @ApiNotFoundResponse({ type: ProblemDetails })
  latestCheckpoint(@CurrentPrincipal() principal: Principal): Promise<string> {
    return this.reader.latestCheckpoint(principal.tenantId);
  }

  /** Integrated entries by leaf index, with the exact leaf bytes and the decoded fields. */
  @RequirePermission('audit:read')
  @Get('entries')
  @ApiOkResponse({ type: AuditEntriesPageDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async entries(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditEntriesQueryDto,
  ): Promise<AuditEntriesPageDto> {
    const page = await this.reader.readEntries(principal.tenantId, query.start, query.end);
    return { treeSize: page.treeSize, start: page.start, end: page.end, entries: page.entries.map(toEntryDto) };
  }

  /** RFC 6962 inclusion proof of leaf `index` in the tree of `size` leaves. */
  @RequirePermission('audit:read')
  @Get('proofs/inclusion')
  @ApiOkResponse({ type: AuditProofDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`audit/proof_index_out_of_range` when index ≥ size' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`audit/tree_size_exceeded`' })
  async inclusionProof(
    @CurrentPrincipal() principal: Principal,
    @Query() query: InclusionProofQueryDto,
  ): Promise<AuditProofDto> {
    const hashes = await this.reader.inclusionProof(principal.tenantId, query.index, query.size);
    return { hashes: hashes.map(encodeBase64) };
  }

  /** RFC 6962 consistency proof that the tree of `from` leaves is a prefix of the tree of `to` leaves. */
  @RequirePermission('audit:read')
  @Get('proofs/consistency')
  @ApiOkResponse({ type: AuditProofDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`audit/proof_sizes_reversed` when from > to' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`audit/tree_size_exceeded`' })
  async consistencyProof(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ConsistencyProofQueryDto,
  ): Promise<AuditProofDto> {
    const hashes = await this.reader.consistencyProof(principal.tenantId, query.from, query.to);
    return { hashes: hashes.map(encodeBase64) };
  }

  /**
   * Verifier keys of every key that signed checkpoints, those that signed the latest one (two during a rotation), and
   * the witnesses the log asks to cosign with the quorum it requires.
   */
  @RequirePermission('audit:read')
  @Get('keys')
  @ApiOkResponse({ type: AuditKeysDto })
  async keys(@CurrentPrincipal() principal: Principal): Promise<AuditKeysDto> {
    const log = await this.reader.verifierKeys(principal.tenantId);
    const witnesses = parseConfiguredWitnesses(this.config.values.AUDIT_WITNESSES).map(
      ({ verifierKey }) => verifierKey,
    );
    return { ...log, witnesses, witnessQuorum: this.config.values.AUDIT_WITNESS_QUORUM };
  }
}
