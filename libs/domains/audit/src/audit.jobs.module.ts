import { Module } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { AnchorCheckpointsProcessor } from './anchor/anchor-checkpoints.processor.js';
import { AUDIT_ANCHORS, configuredAuditAnchors } from './anchor/audit-anchoring.provider.js';
import { AuditAnchoringService } from './anchor/audit-anchoring.service.js';
import { AuditModule } from './audit.module.js';
import { AuditCheckpointService } from './checkpoint/audit-checkpoint.service.js';
import { AuditExportJobService } from './export/audit-export-job.service.js';
import { AuditExportProcessor } from './export/audit-export.processor.js';
import { AUDIT_WITNESS_POLICY, configuredWitnessPolicy } from './checkpoint/audit-witness-policy.provider.js';
import { NOTE_SIGNER_PROVIDER, configuredNoteSignerProvider } from './checkpoint/note-signer.provider.js';
import { AuditIntegrationLoop } from './sequencer/audit-integration.loop.js';

/**
 * The sequencer and checkpoint-signing loop with its witnesses, the scheduled anchoring job on the `audit` queue, and
 * the evidence-pack builds on the `audit-exports` queue (imported by apps/worker only, which consumes both queues;
 * any number of workers may run it). The signing keys live
 * here, so the api process never holds them. To sign with a KMS, provide NOTE_SIGNER_PROVIDER with
 * a NoteSignerProvider whose signers call it.
 */
@Module({
  imports: [AuditModule],
  providers: [
    { provide: NOTE_SIGNER_PROVIDER, inject: [AppConfig], useFactory: configuredNoteSignerProvider },
    { provide: AUDIT_WITNESS_POLICY, inject: [AppConfig], useFactory: configuredWitnessPolicy },
    { provide: AUDIT_ANCHORS, inject: [AppConfig], useFactory: configuredAuditAnchors },
    AuditCheckpointService,
    AuditIntegrationLoop,
    AuditAnchoringService,
    AnchorCheckpointsProcessor,
    AuditExportJobService,
    AuditExportProcessor,
  ],
  exports: [AuditCheckpointService, AuditIntegrationLoop, AuditAnchoringService, AuditExportJobService],
})
export class AuditJobsModule {}
