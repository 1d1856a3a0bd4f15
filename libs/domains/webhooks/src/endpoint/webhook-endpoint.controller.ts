import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, actorOf, type Principal } from '@domains/identity';
import { ProblemDetails } from '@platform/http';
import {
  CreateWebhookEndpointDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
  WebhookEndpointsDto,
} from './webhook-endpoint.dto.js';
import { WebhookEndpointService, type WebhookEndpointView } from './webhook-endpoint.service.js';

/** The tenant's webhook endpoints: where its events are POSTed, signed per Standard Webhooks. */
@ApiTags('webhooks')
@Controller('v1/webhooks/endpoints')
export class WebhookEndpointController {
  constructor(private readonly endpoints: WebhookEndpointService) {}

  /**
   * Adds an endpoint and returns its signing secret, this once. 400 `webhooks/url_not_allowed` for a URL that is not
   * https or whose host is (or resolves to) a non-public address; nothing is stored then.
   */
  @RequirePermission('webhooks:manage')
  @Post()
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    const created = await this.endpoints.create(principal.tenantId, actorOf(principal), body);
    return { endpoint: toDto(created.endpoint), secret: created.secret };
  }

  /** The tenant's endpoints, newest first, without their secrets. */
  @RequirePermission('webhooks:manage')
  @Get()
  @ApiOkResponse({ type: WebhookEndpointsDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<WebhookEndpointsDto> {
    return { endpoints: (await this.endpoints.list(principal.tenantId)).map(toDto) };
  }

  /** One endpoint, without its secret. */
  @RequirePermission('webhooks:manage')
  @Get(':id')
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WebhookEndpointDto> {
    return toDto(await this.endpoints.get(principal.tenantId, id));
  }

  /** Stops sending to the endpoint; its pending deliveries fail at their next attempt. Repeating it changes nothing. */
  @RequirePermission('webhooks:manage')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async disable(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WebhookEndpointDto> {
    return toDto(await this.endpoints.disable(principal.tenantId, actorOf(principal), id));
  }

  /**
   * Issues a new signing secret, returned this once. The previous secret keeps signing beside it for 24 hours
   * (deliveries then carry two signatures). 409 `webhooks/endpoint_disabled` for a disabled endpoint.
   */
  @RequirePermission('webhooks:manage')
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async rotateSecret(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WebhookEndpointWithSecretDto> {
    const rotated = await this.endpoints.rotateSecret(principal.tenantId, actorOf(principal), id);
    return { endpoint: toDto(rotated.endpoint), secret: rotated.secret };
  }
}

function toDto(endpoint: WebhookEndpointView): WebhookEndpointDto {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: [...endpoint.eventTypes],
    status: endpoint.status,
    createdAt: endpoint.createdAt.toISOString(),
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt?.toISOString() ?? null,
  };
}
