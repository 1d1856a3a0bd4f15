import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { WebhookDeliveriesDto, WebhookDeliveriesQueryDto } from './webhook-delivery.dto.js';
import { WebhookDeliveryQueryService } from './webhook-delivery-query.service.js';

/** What was sent to the tenant's endpoints, attempt by attempt. */
@ApiTags('webhooks')
@Controller('v1/webhooks/deliveries')
export class WebhookDeliveryController {
  constructor(private readonly deliveries: WebhookDeliveryQueryService) {}

  /** The tenant's deliveries, newest first, each with its attempts (status code, error, duration). */
  @RequirePermission('webhooks:manage')
  @Get()
  @ApiOkResponse({ type: WebhookDeliveriesDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: WebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveriesDto> {
    const rows = await this.deliveries.list(principal.tenantId, {
      endpointId: query.endpointId,
      status: query.status,
      limit: query.limit ?? 50,
    });
    return {
      deliveries: rows.map(({ delivery, messageType, attempts }) => ({
        id: delivery.id,
        messageId: delivery.messageId,
        eventType: messageType,
        endpointId: delivery.endpointId,
        status: delivery.status,
        attemptCount: delivery.attemptCount,
        nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
        createdAt: delivery.createdAt.toISOString(),
        deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
        attempts: attempts.map((a) => ({
          attempt: a.attempt,
          attemptedAt: a.attemptedAt.toISOString(),
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
      })),
    };
  }
}
