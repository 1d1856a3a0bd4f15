import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from './webhook-delivery.entity.js';

export class WebhookDeliveriesQueryDto {
  /** Only the deliveries to this endpoint. */
  @IsOptional()
  @IsUUID()
  endpointId?: string;

  /** Only the deliveries in this state. */
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, required: false })
  status?: WebhookDeliveryStatus;

  /** How many deliveries to return at most (newest first). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number = 50;
}

export class WebhookDeliveryAttemptDto {
  /** 1 for the first attempt. */
  attempt: number;

  @ApiProperty({ type: String, format: 'date-time' })
  attemptedAt: string;

  /** The HTTP status the endpoint answered; null when it did not answer (timeout, refused connection or address). */
  @ApiProperty({ type: Number, nullable: true, example: 503 })
  statusCode: number | null;

  /** Why the attempt failed; null when it succeeded. */
  @ApiProperty({ type: String, nullable: true, example: 'the endpoint answered 503 Service Unavailable' })
  error: string | null;

  durationMs: number;
}

export class WebhookDeliveryDto {
  id: string;

  /** The message's id: the `webhook-id` header, the same for every attempt. */
  messageId: string;

  /** The event type, e.g. `transaction.review`. */
  eventType: string;

  endpointId: string;

  /** `pending` (attempts left), `delivered` (a 2xx answer) or `failed` (retries exhausted, or endpoint disabled). */
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, example: 'delivered' })
  status: WebhookDeliveryStatus;

  attemptCount: number;

  /** When the next attempt is due, for a pending delivery. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt: string | null;

  /** Every attempt, oldest first. */
  attempts: WebhookDeliveryAttemptDto[];
}

export class WebhookDeliveriesDto {
  deliveries: WebhookDeliveryDto[];
}
