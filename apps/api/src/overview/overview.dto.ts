import { ApiProperty } from '@nestjs/swagger';

export class OverviewTenantDto {
  slug: string;
  name: string;
}

export class OverviewUsersDto {
  total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { admin: 1, analyst: 2 } })
  byRole: Record<string, number>;
}

export class OverviewSystemDto {
  version: string;
  @ApiProperty({ enum: ['up', 'down'] })
  database: 'up' | 'down';
  @ApiProperty({ enum: ['redis', 'postgres'] })
  queueBackend: 'redis' | 'postgres';
  migrationsPending: number;
}

export class OverviewQueueDto {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export class OverviewOutboxDto {
  pending: number;
  oldestPendingAgeSeconds: number;
}

export class OverviewDto {
  tenant: OverviewTenantDto;
  users: OverviewUsersDto;
  system: OverviewSystemDto;
  @ApiProperty({ type: [OverviewQueueDto] })
  queues: OverviewQueueDto[];
  outbox: OverviewOutboxDto;
}
