import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { LIST_IMPORT_MAX_FILE_BYTES, ListImportService } from './list-import.service.js';
import type { ScreeningListVersionEntity } from './screening-list-version.entity.js';
import {
  DeltaQueryDto,
  ListDeltaPageDto,
  ListImportDto,
  ListVersionDto,
  ListVersionListDto,
  ScreeningListListDto,
} from './screening-list.dto.js';

const FILE_FIELDS = ['sdn', 'alt', 'add', 'comments', 'xml', 'list'] as const;

interface UploadedFile {
  buffer: Buffer;
}

function versionDto(v: ScreeningListVersionEntity): ListVersionDto {
  return {
    id: v.id,
    listId: v.listId,
    number: v.number,
    status: v.status,
    progress: v.progress,
    stage: v.stage,
    format: v.format,
    fileHashes: v.fileHashes,
    entryCount: v.entryCount,
    addedCount: v.addedCount,
    removedCount: v.removedCount,
    changedCount: v.changedCount,
    error: v.error,
    previousVersionId: v.previousVersionId,
    requestedBy: v.requestedBy,
    createdAt: v.createdAt.toISOString(),
    finishedAt: v.finishedAt?.toISOString() ?? null,
    rescreenStatus: v.rescreenStatus,
    rescreenProgress: v.rescreenProgress,
  };
}

/** Sanctions, PEP and internal lists: imports (as jobs with progress), versions and deltas. */
@ApiTags('screening')
@Controller('v1/screening/lists')
export class ScreeningListController {
  constructor(private readonly imports: ListImportService) {}

  /** The tenant's lists with their active version. */
  @RequirePermission('screening:read')
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ScreeningListListDto })
  async lists(@CurrentPrincipal() principal: Principal): Promise<ScreeningListListDto> {
    const found = await this.imports.listsWithActive(principal.tenantId);
    return {
      lists: found.map(({ list, active }) => ({
        id: list.id,
        source: list.source,
        name: list.name,
        activeVersion: active ? versionDto(active) : null,
        updatedAt: list.updatedAt.toISOString(),
      })),
    };
  }

  /**
   * Imports a new version of a list (`ofac_sdn`: files `sdn` (required), `alt`, `add`, `comments`;
   * `un_consolidated`: `xml`; `internal_watchlist` and `pep`: `list` with `format` csv or json). Send the files as
   * multipart file fields (up to 20 MB each) or as text in a JSON body (`{ "files": { "sdn": "..." } }`, within the
   * server's JSON body limit). Answers the new version at once (status `importing`); the worker parses it, computes
   * the delta against the active version and activates it, or marks it `failed` with the reason and keeps the
   * previous version active. Poll `GET /v1/screening/lists/{id}/versions` for progress.
   */
  @RequirePermission('screening:lists')
  @Post(':source/imports')
  @HttpCode(202)
  @UseInterceptors(
    FileFieldsInterceptor(
      FILE_FIELDS.map((name) => ({ name, maxCount: 1 })),
      { limits: { fileSize: LIST_IMPORT_MAX_FILE_BYTES, files: FILE_FIELDS.length } },
    ),
  )
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiAcceptedResponse({ type: ListVersionDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`screening/import_files_invalid`' })
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`screening/list_source_unknown`' })
  @ApiConflictResponse({ type: ProblemDetails, description: '`screening/import_in_progress`' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: '`screening/import_too_large`' })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Param('source') source: string,
    @Body() body: ListImportDto,
    @UploadedFiles() uploaded: Partial<Record<(typeof FILE_FIELDS)[number], UploadedFile[]>> | undefined,
  ): Promise<ListVersionDto> {
    const files: Record<string, string | undefined> = { ...(body.files ?? {}) };
    for (const name of FILE_FIELDS) {
      const file = uploaded?.[name]?.[0];
      if (file) files[name] = file.buffer.toString('utf8');
    }
    const version = await this.imports.requestImport(principal.tenantId, actorOf(principal), source, {
      files,
      format: body.format,
    });
    return versionDto(version);
  }

  /** The list's versions, newest first, with progress, counts, delta counts and errors. */
  @RequirePermission('screening:read')
  @Get(':id/versions')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ListVersionListDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async versions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ListVersionListDto> {
    return { versions: (await this.imports.versions(principal.tenantId, id)).map(versionDto) };
  }

  /** What a version added, removed and changed against the version active before it (by external id). */
  @RequirePermission('screening:read')
  @Get(':id/versions/:number/delta')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ListDeltaPageDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async delta(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('number', ParseIntPipe) number: number,
    @Query() query: DeltaQueryDto,
  ): Promise<ListDeltaPageDto> {
    const { version, deltas } = await this.imports.delta(principal.tenantId, id, number, {
      change: query.change,
      limit: query.limit ?? 200,
      offset: query.offset ?? 0,
    });
    return {
      version: versionDto(version),
      deltas: deltas.map((d) => ({
        change: d.change,
        externalId: d.externalId,
        name: d.name,
        previousHash: d.previousHash,
        contentHash: d.contentHash,
      })),
    };
  }
}
