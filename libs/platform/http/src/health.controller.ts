import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DatabaseConnector } from '@platform/database';
import { QueueRegistry } from '@platform/queue';
import { AppConfig } from '@platform/config';
import { Public } from './public.decorator.js';
import { ReadinessRegistry, type ReadinessContributor } from './readiness.registry.js';

const CHECK_TIMEOUT_MS = 2_000;

class ReadinessCheck {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ required: false })
  detail?: string;
}

class ReadinessChecks {
  @ApiProperty()
  database: ReadinessCheck;

  @ApiProperty()
  queue: ReadinessCheck;

  @ApiProperty()
  migrations: ReadinessCheck;

  /** One more check per domain that contributes to readiness (`audit`: checkpoints keep advancing). */
  [contributor: string]: ReadinessCheck;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'not_ready'] })
  status: 'ready' | 'not_ready';

  @ApiProperty({ enum: ['redis', 'postgres'] })
  queueBackend: 'redis' | 'postgres';

  @ApiProperty({ description: 'The platform checks, plus one per contributing domain (e.g. `audit`).' })
  checks: ReadinessChecks;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseConnector,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly contributors: ReadinessRegistry,
  ) {}

  /** The process is up and its event loop answers. */
  @Public()
  @Get('live')
  @HttpCode(200)
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /**
   * Ready to serve: database reachable, queue backend reachable, every migration applied, and every contributing
   * domain's check up. 503 otherwise.
   */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const db = await this.database.status();
    let queue: ReadinessCheck;
    if (db.up || this.config.queueBackend === 'redis') {
      queue = await Promise.race([
        this.queues.ping().then((): ReadinessCheck => ({ status: 'up' })),
        new Promise<ReadinessCheck>((resolve) =>
          setTimeout(() => resolve({ status: 'down', detail: 'timeout' }), 2_000),
        ),
      ]).catch((error: unknown): ReadinessCheck => ({ status: 'down', detail: String(error) }));
    } else {
      queue = { status: 'down', detail: 'queue backend is the database, which is down' };
    }
    const migrations: ReadinessCheck = !db.up
      ? { status: 'down', detail: 'unknown while the database is down' }
      : db.pendingMigrations.length > 0
        ? { status: 'down', detail: `pending: ${db.pendingMigrations.join(', ')} (run npm run migrate)` }
        : { status: 'up' };
    const checks: ReadinessChecks = {
      database: db.up ? { status: 'up' as const } : { status: 'down' as const, detail: db.error },
      queue,
      migrations,
    };
    const contributed = await Promise.all(this.contributors.all.map((c) => this.runContributor(c, db.up)));
    for (const [name, check] of contributed) checks[name] = check;
    const ready = Object.values(checks).every((c) => c.status === 'up');
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', queueBackend: this.config.queueBackend, checks };
  }

  private async runContributor(
    contributor: ReadinessContributor,
    databaseUp: boolean,
  ): Promise<[string, ReadinessCheck]> {
    if (!databaseUp) return [contributor.name, { status: 'down', detail: 'unknown while the database is down' }];
    const check = await Promise.race([
      contributor.check().then((r): ReadinessCheck => ({ ...r })),
      new Promise<ReadinessCheck>((resolve) =>
        setTimeout(() => resolve({ status: 'down', detail: 'timeout' }), CHECK_TIMEOUT_MS),
      ),
    ]).catch((error: unknown): ReadinessCheck => ({ status: 'down', detail: String(error) }));
    return [contributor.name, check];
  }
}
