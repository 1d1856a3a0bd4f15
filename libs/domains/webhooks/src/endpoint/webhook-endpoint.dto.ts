import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { WEBHOOK_ENDPOINT_STATUSES, type WebhookEndpointStatus } from './webhook-endpoint.entity.js';
import { WEBHOOK_EVENT_TYPE } from './webhook-event-type.policy.js';

export class CreateWebhookEndpointDto {
  /**
   * Where events are POSTed: an https URL whose host is public (loopback, private, link-local and reserved addresses
   * are refused, also when a host name resolves to one). http://127.0.0.1, http://localhost and http://[::1] only when
   * WEBHOOKS_ALLOW_INSECURE_LOCALHOST is on (development and tests).
   */
  @IsString()
  @Length(1, 2000)
  @ApiProperty({ example: 'https://hooks.example.com/verity' })
  url: string;

  /** The event types to send, e.g. `transaction.review`; omitted or empty: every type. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(WEBHOOK_EVENT_TYPE, { each: true, message: 'each event type must look like noun.verb' })
  @ApiProperty({ type: [String], required: false, example: ['transaction.review', 'transaction.blocked'] })
  eventTypes?: string[];

  /** What the endpoint is, for people. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class WebhookEndpointDto {
  id: string;
  url: string;
  description: string;

  /** The event types sent to it; empty: every type. */
  @ApiProperty({ type: [String] })
  eventTypes: string[];

  /** `active` endpoints receive events; `disabled` ones receive nothing and their pending deliveries fail. */
  @ApiProperty({ enum: WEBHOOK_ENDPOINT_STATUSES, example: 'active' })
  status: WebhookEndpointStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: string | null;

  /** Until when the secret replaced by the last rotation still signs (beside the current one); null: it does not. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  previousSecretExpiresAt: string | null;
}

export class WebhookEndpointWithSecretDto {
  endpoint: WebhookEndpointDto;

  /**
   * The signing secret, `whsec_` + base64 of 32 random bytes: shown this once and never again. Verify deliveries with
   * any Standard Webhooks library (`new Webhook(secret).verify(body, headers)`).
   */
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}

export class WebhookEndpointsDto {
  endpoints: WebhookEndpointDto[];
}
