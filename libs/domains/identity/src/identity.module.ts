import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { ApiKeyEntity } from './api-key/api-key.entity.js';
import { ApiKeyRepository } from './api-key/api-key.repository.js';
import { ApiKeyService } from './api-key/api-key.service.js';
import { AuthService } from './session/auth.service.js';
import { SessionEntity } from './session/session.entity.js';
import { SessionRepository } from './session/session.repository.js';
import { TenantEntity } from './tenant/tenant.entity.js';
import { TenantProvisioningService } from './tenant/tenant-provisioning.service.js';
import { TenantRepository } from './tenant/tenant.repository.js';
import { PasswordHasher } from './user/password.hasher.js';
import { UserEntity } from './user/user.entity.js';
import { UserRepository } from './user/user.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([TenantEntity, UserEntity, SessionEntity, ApiKeyEntity]), AuditModule],
  providers: [
    ApiKeyRepository,
    ApiKeyService,
    AuthService,
    PasswordHasher,
    SessionRepository,
    TenantProvisioningService,
    TenantRepository,
    UserRepository,
  ],
  exports: [ApiKeyService, AuthService, SessionRepository, TenantProvisioningService, TenantRepository, UserRepository],
})
export class IdentityModule {}
