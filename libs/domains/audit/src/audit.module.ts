import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnchorHistoryService } from './anchor/anchor-history.service.js';
import { AnchorReceiptEntity } from './anchor/anchor-receipt.entity.js';
import { AnchorReceiptRepository } from './anchor/anchor-receipt.repository.js';
import { AuditCheckpointEntity } from './checkpoint/audit-checkpoint.entity.js';
import { AuditCheckpointRepository } from './checkpoint/audit-checkpoint.repository.js';
import { AuditVerifierKeyEntity } from './checkpoint/audit-verifier-key.entity.js';
import { AuditErasureService } from './erasure/audit-erasure.service.js';
import { AuditLegalHoldEntity } from './erasure/audit-legal-hold.entity.js';
import { AuditLegalHoldRepository } from './erasure/audit-legal-hold.repository.js';
import { AuditSubjectKeyEntity } from './erasure/audit-subject-key.entity.js';
import { AuditSubjectKeyRepository } from './erasure/audit-subject-key.repository.js';
import { PayloadCipher } from './erasure/payload.cipher.js';
import { AuditEntryEntity } from './ledger/audit-entry.entity.js';
import { AuditEntryRepository } from './ledger/audit-entry.repository.js';
import { AuditLedger } from './ledger/audit-ledger.service.js';
import { AuditLogEntity } from './ledger/audit-log.entity.js';
import { AuditLogRepository } from './ledger/audit-log.repository.js';
import { AuditUnsequencedEntryEntity } from './ledger/audit-unsequenced-entry.entity.js';
import { AuditHealthService } from './monitoring/audit-health.service.js';
import { AuditPublicationFailureEntity } from './monitoring/audit-publication-failure.entity.js';
import { AuditPublicationFailureRepository } from './monitoring/audit-publication-failure.repository.js';
import { AuditReader } from './reader/audit-reader.service.js';
import { AuditSearchRepository } from './reader/audit-search.repository.js';
import { AuditLeafEntity } from './sequencer/audit-leaf.entity.js';
import { AuditNodeEntity } from './sequencer/audit-node.entity.js';
import { AuditSequencer } from './sequencer/audit-sequencer.service.js';
import { AuditTreeRepository } from './sequencer/audit-tree.repository.js';
import { AuditExportEntity } from './export/audit-export.entity.js';
import { AuditExportRepository } from './export/audit-export.repository.js';
import { AuditExportService } from './export/audit-export.service.js';
import { AuditFsckRepository } from './fsck/audit-fsck.repository.js';
import { AuditFsckService } from './fsck/audit-fsck.service.js';
import { EvidencePackArchiver } from './export/evidence-pack.archiver.js';
import { AuditPayloadOpener } from './fsck/audit-payload.opener.js';

/**
 * The audit ledger's services and storage, shared by the api (recording, reading) and the worker (sequencing). The
 * signing keys are not here: only AuditJobsModule (the worker) holds them.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      AuditLogEntity,
      AuditEntryEntity,
      AuditUnsequencedEntryEntity,
      AuditLeafEntity,
      AuditNodeEntity,
      AuditCheckpointEntity,
      AuditVerifierKeyEntity,
      AuditSubjectKeyEntity,
      AuditLegalHoldEntity,
      AnchorReceiptEntity,
      AuditPublicationFailureEntity,
      AuditExportEntity,
    ]),
  ],
  providers: [
    PayloadCipher,
    EvidencePackArchiver,
    AuditLogRepository,
    AuditEntryRepository,
    AuditTreeRepository,
    AuditCheckpointRepository,
    AuditSubjectKeyRepository,
    AuditLegalHoldRepository,
    AuditLedger,
    AuditSequencer,
    AuditReader,
    AuditErasureService,
    AuditHealthService,
    AuditSearchRepository,
    AuditFsckRepository,
    AuditPayloadOpener,
    AuditFsckService,
    AuditExportService,
    AuditExportRepository,
    AnchorReceiptRepository,
    AuditPublicationFailureRepository,
    AnchorHistoryService,
  ],
  exports: [
    AuditLedger,
    EvidencePackArchiver,
    AuditSequencer,
    AuditReader,
    AuditErasureService,
    AuditHealthService,
    AuditEntryRepository,
    AuditLogRepository,
    AuditTreeRepository,
    AuditCheckpointRepository,
    AuditSearchRepository,
    AuditFsckService,
    AuditExportService,
    AuditExportRepository,
    AnchorReceiptRepository,
    AuditPublicationFailureRepository,
    AnchorHistoryService,
  ],
})
export class AuditModule {}
