import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, type DomainErrorKind } from '@platform/errors';
import type { ProblemDetails, ProblemFieldError } from './problem.types.js';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

const TITLE_OF_KIND: Record<DomainErrorKind, string> = {
  invalid: 'Invalid request',
  unauthenticated: 'Not signed in',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  too_large: 'Too large',
  unprocessable: 'Unprocessable request',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'platform/bad_request',
  401: 'platform/unauthenticated',
  403: 'platform/forbidden',
  404: 'platform/not_found',
  405: 'platform/method_not_allowed',
  406: 'platform/not_acceptable',
  409: 'platform/conflict',
  413: 'platform/payload_too_large',
  415: 'platform/unsupported_media_type',
  422: 'platform/unprocessable',
  429: 'platform/rate_limited',
  503: 'platform/unavailable',
};

/** Errors thrown by express's body parser carry these fields. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

export function problem(
  status: number,
  code: string,
  title: string,
  correlationId: string,
  extra: { detail?: string; errors?: ProblemFieldError[] } = {},
): ProblemDetails {
  return { type: `urn:verity:problem:${code}`, title, status, code, correlationId, ...extra };
}

/** Body-parser failures (malformed JSON, too large) happen before Nest routes; answer them as problems too. */
export function bodyParserErrorHandler(
  error: unknown,
  req: Request & { id?: string },
  res: Response,
  next: NextFunction,
): void {
  if (!isBodyParserError(error)) {
    next(error);
    return;
  }
  const correlationId = String(req.id ?? 'unknown');
  let body: ProblemDetails;
  if (error.type === 'entity.too.large') {
    body = problem(413, 'platform/payload_too_large', 'Request body too large', correlationId, {
      detail: 'The request body is larger than this endpoint accepts',
    });
  } else if (error.type === 'entity.parse.failed') {
    body = problem(400, 'platform/malformed_json', 'Malformed JSON', correlationId, {
      detail: 'The request body is not valid JSON',
    });
  } else if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    body = problem(415, 'platform/unsupported_media_type', 'Unsupported encoding', correlationId);
  } else {
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    body = problem(status, CODE_OF_STATUS[status] ?? 'platform/bad_request', 'Bad request', correlationId);
  }
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * Turns every error into RFC 9457 problem+json with a stable code and the request's correlation id. Client mistakes
 * become 4xx; anything unexpected is a 500 whose details stay in the log, never in the response.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const correlationId = String(req.id ?? res.getHeader('X-Request-Id') ?? 'unknown');
    const body = this.toProblem(error, correlationId);
    if (body.status >= 500) {
      this.logger.error({ err: error, correlationId }, body.title);
    }
    if (res.headersSent) return;
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(error: unknown, correlationId: string): ProblemDetails {
    if (error instanceof DomainError) {
      const domainError = error as DomainError;
      const status = STATUS_OF_KIND[domainError.kind];
      const fieldErrors = domainError.details?.errors;
      return problem(status, domainError.code, TITLE_OF_KIND[domainError.kind], correlationId, {
        detail: domainError.message,
        ...(Array.isArray(fieldErrors) ? { errors: fieldErrors as ProblemFieldError[] } : {}),
      });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const code = CODE_OF_STATUS[status] ?? (status >= 500 ? 'platform/internal' : 'platform/bad_request');
      if (typeof response === 'object' && response !== null && 'problem' in response) {
        return { ...(response as { problem: ProblemDetails }).problem, correlationId };
      }
      const message =
        typeof response === 'object' && response !== null && 'message' in response ? response.message : error.message;
      const detail = Array.isArray(message) ? message.join('; ') : String(message);
      return problem(status, code, HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', correlationId, {
        detail,
      });
    }
    return problem(500, 'platform/internal', 'Internal error', correlationId, {
      detail: 'An unexpected error occurred; quote the correlation id when reporting it',
    });
  }
}
