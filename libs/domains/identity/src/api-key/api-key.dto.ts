import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ROLES, type Role } from '../identity.permissions.js';

export class CreateApiKeyDto {
  /** What the key is for, e.g. "payments gateway (production)". */
  @IsString()
  @Length(1, 100)
  name: string;

  /** The role whose permissions the key carries; machine access normally uses `integration`. */
  @ApiProperty({ enum: ROLES, example: 'integration' })
  @IsIn(ROLES)
  role: Role;
}

export class ApiKeyDto {
  id: string;
  name: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  /** The public part of the key (`vk_<prefix>_…`), to recognise it in lists and logs. */
  prefix: string;
  rateLimitPerMinute: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The whole key. It is shown this once and cannot be retrieved again. */
  key: string;
}
