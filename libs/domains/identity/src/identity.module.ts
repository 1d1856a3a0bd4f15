import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { ApiKeyEntity } from './api-key/api-key.entity.js';
import { ApiKeyRepository } from './api-key/api-key.repository.js';
import { ApiKeyService } from './api-key/api-key.service.js';
import { OidcClient } from './oidc/oidc.client.js';
import { OidcSignInService } from './oidc/oidc.service.js';
import { AuthService } from './session/auth.service.js';
import { SessionEntity } from './session/session.entity.js';
import { SessionRepository } from './session/session.repository.js';
import { TenantEntity } from './tenant/tenant.entity.js';
import { TenantProvisioningService } from './tenant/tenant-provisioning.service.js';
import { TenantRepository } from './tenant/tenant.repository.js';
import { TenantScanner } from './tenant/tenant.scanner.js';
import { PasswordHasher } from './user/password.hasher.js';
import { UserEntity } from './user/user.entity.js';
import { UserRepository } from './user/user.repository.js';
import { InvitationEntity } from './user/invitation.entity.js';
import { InvitationRepository } from './user/invitation.repository.js';
import { UserAdminService } from './user/user-admin.service.js';
import { PasswordPolicy } from './user/password.policy.js';
import { ReauthenticationService } from './session/reauthentication.service.js';
import { SignInChallengeEntity } from './session/sign-in-challenge.entity.js';
import { SignInChallengeRepository } from './session/sign-in-challenge.repository.js';
import { TotpFactorEntity } from './user/totp/totp-factor.entity.js';
import { TotpFactorRepository } from './user/totp/totp-factor.repository.js';
import { TotpSecretCipher } from './user/totp/totp-secret.cipher.js';
import { TotpService } from './user/totp/totp.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      TenantEntity,
      UserEntity,
      SessionEntity,
      ApiKeyEntity,
      TotpFactorEntity,
      SignInChallengeEntity,
      InvitationEntity,
    ]),
    AuditModule,
  ],
  providers: [
    ApiKeyRepository,
    ApiKeyService,
    AuthService,
    OidcClient,
    OidcSignInService,
    PasswordHasher,
    SessionRepository,
    TenantProvisioningService,
    TenantRepository,
    TenantScanner,
    UserRepository,
    PasswordPolicy,
    ReauthenticationService,
    SignInChallengeRepository,
    TotpFactorRepository,
    TotpSecretCipher,
    TotpService,
    InvitationRepository,
    UserAdminService,
  ],
  exports: [
    ApiKeyService,
    AuthService,
    OidcSignInService,
    SessionRepository,
    TenantProvisioningService,
    TenantRepository,
    TenantScanner,
    UserRepository,
    PasswordPolicy,
    ReauthenticationService,
    SignInChallengeRepository,
    TotpService,
    UserAdminService,
  ],
})
export class IdentityModule {}
