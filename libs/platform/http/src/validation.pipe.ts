import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ProblemFieldError } from './problem.types.js';

function flatten(errors: readonly ValidationError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Global validation: DTOs are whitelisted, so unknown fields are refused (400) rather than silently dropped, and
 * every violation is listed in the problem's `errors`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException({
        problem: {
          type: 'urn:verity:problem:platform/validation_failed',
          title: 'Request validation failed',
          status: 400,
          code: 'platform/validation_failed',
          detail: fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '),
          errors: fieldErrors,
        },
      });
    },
  });
}
