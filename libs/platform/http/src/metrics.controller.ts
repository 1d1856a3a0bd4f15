import { Controller, Get, Header, Headers, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@platform/config';
import { MetricsRegistry } from './metrics.registry.js';
import { Public } from './public.decorator.js';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Prometheus text format. Protected by METRICS_TOKEN when it is set. */
  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.values.METRICS_TOKEN;
    if (token) {
      const given = Buffer.from(authorization ?? '');
      const wanted = Buffer.from(`Bearer ${token}`);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
        throw new UnauthorizedException('A valid metrics token is required');
      }
    }
    return this.metrics.registry.metrics();
  }
}
