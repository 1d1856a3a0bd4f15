import { Module } from '@nestjs/common';
import { IdentityModule } from './identity.module.js';
import { SessionPruneProcessor } from './session/session-prune.processor.js';

/** Queue processors of the identity domain (imported by apps/worker only). */
@Module({
  imports: [IdentityModule],
  providers: [SessionPruneProcessor],
})
export class IdentityJobsModule {}
