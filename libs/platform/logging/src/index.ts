export { LoggingModule, REDACTED_PATHS, requestIdFor } from './logging.module.js';
export { Logger as StructuredLogger, PinoLogger } from 'nestjs-pino';
