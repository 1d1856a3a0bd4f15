import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityModule } from './identity.module.js';
import { AccessGuard } from './session/access.guard.js';
import { ApiKeyController } from './api-key/api-key.controller.js';
import { AuthController } from './session/auth.controller.js';
import { MfaController } from './session/mfa.controller.js';
import { OidcController } from './oidc/oidc.controller.js';
import { InvitationController } from './user/invitation.controller.js';
import { UserAdminController } from './user/user-admin.controller.js';

/** Sign-in routes and the global deny-by-default guard (imported by apps/api only). */
@Module({
  imports: [IdentityModule],
  controllers: [
    ApiKeyController,
    AuthController,
    MfaController,
    OidcController,
    UserAdminController,
    InvitationController,
  ],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class IdentityHttpModule {}
