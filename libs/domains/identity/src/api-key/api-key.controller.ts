import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission } from '../session/access.decorators.js';
import { actorOf, type Principal } from '../session/principal.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyService } from './api-key.service.js';

function toDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    rateLimitPerMinute: key.rateLimitPerMinute,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  /** Creates a key for the caller's tenant. The response carries the key once; only its hash is kept. */
  @RequirePermission('api_keys:manage')
  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const actor = actorOf(principal);
    const created = await this.keys.create(principal.tenantId, {
      role: body.role,
      name: body.name,
      createdBy: actor.type === 'user' ? actor.id : undefined,
    });
    return { ...toDto(created.entity), key: created.key };
  }

  /** The tenant's keys, newest first, without their secrets. */
  @RequirePermission('api_keys:manage')
  @Get()
  @ApiOkResponse({ type: [ApiKeyDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyDto[]> {
    return (await this.keys.list(principal.tenantId)).map(toDto);
  }

  /** Revokes a key at once: its next request is refused. */
  @RequirePermission('api_keys:manage')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDetails })
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.keys.revoke(principal.tenantId, id, actorOf(principal));
  }
}
