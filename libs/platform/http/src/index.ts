export {
  API_DOCS_PATH,
  appVersion,
  buildOpenApiDocument,
  configureHttpApp,
  SERVER_SERVED_ROUTES,
} from './http-app.configurator.js';
export { HealthController, ReadinessDto } from './health.controller.js';
export { HttpPlatformModule } from './http.module.js';
export { MetricsRegistry } from './metrics.registry.js';
export { ProblemDetailsFilter, problem } from './problem-details.filter.js';
export { ProblemDetails, ProblemFieldError } from './problem.types.js';
export { Public, PUBLIC_ROUTE } from './public.decorator.js';
export { ReadinessRegistry, type ReadinessCheckResult, type ReadinessContributor } from './readiness.registry.js';
export { createValidationPipe } from './validation.pipe.js';
export { RateLimitStore, type RateDecision } from './rate-limit.store.js';
