export { MonitoringError, type MonitoringErrorCode } from './monitoring.errors.js';
export { MonitoringModule } from './monitoring.module.js';
export { MonitoringHttpModule } from './monitoring.http.module.js';
export { MonitoringJobsModule } from './monitoring.jobs.module.js';
export { monitoringQueue, type MonitoringJobs } from './monitoring.queue.js';
export { FEATURES, MODEL_FEATURES, type FeatureDefinition, type FeatureVector } from './feature/feature.schema.js';
