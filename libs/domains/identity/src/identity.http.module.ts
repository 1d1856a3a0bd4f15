import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityModule } from './identity.module.js';
import { AccessGuard } from './session/access.guard.js';
import { ApiKeyController } from './api-key/api-key.controller.js';
import { AuthController } from './session/auth.controller.js';

/** Sign-in routes and the global deny-by-default guard (imported by apps/api only). */
@Module({
  imports: [IdentityModule],
  controllers: [ApiKeyController, AuthController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class IdentityHttpModule {}
