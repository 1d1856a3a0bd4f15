import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemFieldError {
  /** Path of the offending field, dotted for nested fields (`counterparty.iban`). */
  @ApiProperty()
  field: string;

  @ApiProperty()
  message: string;
}

/** RFC 9457 problem details, as every error of the API is returned (`application/problem+json`). */
export class ProblemDetails {
  /** URI naming the problem type: `urn:verity:problem:<code>`. */
  @ApiProperty({ example: 'urn:verity:problem:platform/validation_failed' })
  type: string;

  @ApiProperty({ example: 'Request validation failed' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'amount.value must be an integer' })
  detail?: string;

  /** Stable machine-readable code (`<domain>/<snake_case>`) to branch on. */
  @ApiProperty({ example: 'platform/validation_failed' })
  code: string;

  /** The request id (also the X-Request-Id response header), to quote when reporting a problem. */
  @ApiProperty()
  correlationId: string;

  @ApiPropertyOptional({ type: [ProblemFieldError] })
  errors?: ProblemFieldError[];
}
