export { DomainError, PlatformError, type DomainErrorKind, type PlatformErrorCode } from './domain.error.js';
