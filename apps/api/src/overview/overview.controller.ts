import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@platform/config';
import { DatabaseConnector } from '@platform/database';
import { appVersion } from '@platform/http';
import { OutboxJobRepository, QueueRegistry } from '@platform/queue';
import {
  CurrentPrincipal,
  RequirePermission,
  TenantRepository,
  UserRepository,
  type Principal,
} from '@domains/identity';
import { OverviewDto } from './overview.dto.js';

/** The landing page's numbers: composed here because they span the platform and several domains. */
@ApiTags('overview')
@Controller('v1/overview')
export class OverviewController {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
    private readonly database: DatabaseConnector,
    private readonly queues: QueueRegistry,
    private readonly outbox: OutboxJobRepository,
    private readonly config: AppConfig,
  ) {}

  @RequirePermission('overview:read')
  @Get()
  @ApiOkResponse({ type: OverviewDto })
  async get(@CurrentPrincipal() principal: Principal): Promise<OverviewDto> {
    const tenant = await this.tenants.findById(principal.tenantId);
    if (!tenant) throw new NotFoundException('Tenant not found');
    const [users, db, queues, outbox] = await Promise.all([
      this.users.countByRole(tenant.id),
      this.database.status(),
      this.queues.depths().catch(() => []),
      this.outbox.backlog(),
    ]);
    return {
      tenant: { slug: tenant.slug, name: tenant.name },
      users,
      system: {
        version: appVersion(),
        database: db.up ? 'up' : 'down',
        queueBackend: this.config.queueBackend,
        migrationsPending: db.pendingMigrations.length,
      },
      queues,
      outbox,
    };
  }
}
