import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { HealthController } from './health.controller.js';
import { HttpMetricsInterceptor } from './http-metrics.interceptor.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { RateLimitStore } from './rate-limit.store.js';
import { ReadinessRegistry } from './readiness.registry.js';

/**
 * Health, metrics, and the global problem+json filter: the HTTP plumbing every api process has. Domains add their
 * metrics to MetricsRegistry and their readiness checks to ReadinessRegistry.
 */
@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [
    MetricsRegistry,
    RateLimitStore,
    ReadinessRegistry,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
  ],
  exports: [MetricsRegistry, RateLimitStore, ReadinessRegistry],
})
export class HttpPlatformModule {}
