export {
  AUDIT_ERROR_DESCRIPTIONS,
  AuditError,
  CanonicalJsonError,
  CheckpointError,
  MerkleTreeError,
  ProofError,
  SignedNoteError,
  TlogProofError,
} from './audit.errors.js';
export type {
  AuditErrorCode,
  CanonicalJsonErrorCode,
  CheckpointErrorCode,
  MerkleTreeErrorCode,
  ProofErrorCode,
  SignedNoteErrorCode,
  TlogProofErrorCode,
} from './audit.errors.js';

export { decodeBase64, encodeBase64 } from './canonical/base64.codec.js';
export { canonicalJson, canonicalJsonBytes } from './canonical/canonical-json.encoder.js';
export { decodeCanonicalDecimal } from './canonical/decimal.codec.js';

export { CompactRangeBuilder, rootFromLeafHashes } from './tree/compact-range.builder.js';
export type { CompletedSubtree } from './tree/compact-range.builder.js';
export { LeafHashArraySource } from './tree/leaf-hash-array.source.js';
export {
  emptyTreeRoot,
  foldSubtreeHashes,
  hashChildren,
  hashLeaf,
  isMerkleHash,
  MERKLE_HASH_SIZE,
  merkleHashesEqual,
} from './tree/merkle-tree.hasher.js';
export type { SubtreeAddress, SubtreeHashSource } from './tree/subtree-hash.source.js';

export { consistencyProof, consistencyProofFromLeafHashes } from './proof/consistency-proof.builder.js';
export { verifyConsistency } from './proof/consistency-proof.verifier.js';
export type { VerifiedConsistency } from './proof/consistency-proof.verifier.js';
export { inclusionProof, inclusionProofFromLeafHashes } from './proof/inclusion-proof.builder.js';
export { rootFromInclusionProof, verifyInclusion } from './proof/inclusion-proof.verifier.js';
export type { VerifiedInclusion } from './proof/inclusion-proof.verifier.js';
export {
  consistencyProofLength,
  inclusionProofLength,
  planConsistencyProof,
  planInclusionProof,
} from './proof/merkle-proof.planner.js';
export type { ProofNodePlan } from './proof/merkle-proof.planner.js';
export { resolveProofPlan } from './proof/proof-plan.resolver.js';
export { decodeTlogProof, encodeTlogProof, TLOG_PROOF_HEADER } from './proof/tlog-proof.codec.js';
export type { TlogProof } from './proof/tlog-proof.codec.js';
export { verifyTlogProof } from './proof/tlog-proof.verifier.js';
export type { TlogProofLeaf, TlogProofVerifyOptions, VerifiedTlogProof } from './proof/tlog-proof.verifier.js';

export { formatCheckpoint, parseCheckpoint } from './note/checkpoint.codec.js';
export type { Checkpoint } from './note/checkpoint.codec.js';
export { openCheckpoint } from './note/checkpoint.verifier.js';
export type { OpenCheckpointOptions, OpenedCheckpoint } from './note/checkpoint.verifier.js';
export { Ed25519NoteSigner } from './note/ed25519-note.signer.js';
export { Ed25519NoteVerifier } from './note/ed25519-note.verifier.js';
export {
  decodeNoteSignerKey,
  decodeNoteVerifierKey,
  encodeNoteSignerKey,
  encodeNoteVerifierKey,
  formatNoteKeyId,
  isValidNoteKeyName,
  NOTE_SIGNATURE_TYPE_ED25519,
  noteKeyId,
} from './note/note-key.codec.js';
export type { NoteSignerKey, NoteVerifierKey } from './note/note-key.codec.js';
export { generateNoteKeyPair } from './note/note-key.generator.js';
export type { NoteKeyPair } from './note/note-key.generator.js';
export { MAX_NOTE_SIGNATURES, parseSignedNote } from './note/signed-note.codec.js';
export type { NoteSignature, ParsedSignedNote } from './note/signed-note.codec.js';
export { cosignNote, signNote } from './note/signed-note.signer.js';
export type { NoteSigner } from './note/signed-note.signer.js';
export { openSignedNote } from './note/signed-note.verifier.js';
export type { NoteVerifier, OpenedNote } from './note/signed-note.verifier.js';

// The database-backed ledger. AuditHttpModule comes last on purpose: it imports @domains/identity, which imports this
// index for AuditLedger, so everything identity needs must be evaluated before the http module is reached.
export { AuditLedgerError, type AuditLedgerErrorCode } from './audit-ledger.errors.js';
export {
  AUDIT_ACTOR_TYPES,
  type AuditActor,
  type AuditActorType,
  type AuditEvent,
  type AuditPayload,
  type AuditSubject,
  type RecordedAuditEntry,
} from './ledger/audit-event.types.js';
export {
  AUDIT_LEAF_VERSION,
  PAYLOAD_SALT_SIZE,
  auditLeafBytes,
  decodeAuditLeaf,
  saltedPayloadHash,
  type AuditLeafFields,
} from './ledger/audit-leaf.codec.js';
export { AuditModule } from './audit.module.js';
export { AuditLedger, MAX_AUDIT_PAYLOAD_BYTES } from './ledger/audit-ledger.service.js';
export { AuditEntryRepository, type StoredAuditEntry } from './ledger/audit-entry.repository.js';
export { AuditLogRepository, type AuditLogRef } from './ledger/audit-log.repository.js';
export {
  AUDIT_SEQUENCER_BATCH_SIZE,
  AuditSequencer,
  type BatchOutcome,
  type SequencerFaults,
} from './sequencer/audit-sequencer.service.js';
export { AuditTreeRepository, type AuditBacklog } from './sequencer/audit-tree.repository.js';
export { StoredSubtreeSource } from './sequencer/stored-subtree.source.js';
export { AuditCheckpointRepository, type StoredCheckpoint } from './checkpoint/audit-checkpoint.repository.js';
export { AuditCheckpointService, type CheckpointOutcome } from './checkpoint/audit-checkpoint.service.js';
export {
  DEVELOPMENT_SIGNING_KEY_FILE,
  NOTE_SIGNER_PROVIDER,
  loadNoteSigners,
  type NoteSignerProvider,
  type PublishedNoteSigner,
  type SigningKeySettings,
} from './checkpoint/note-signer.provider.js';
export { AuditErasureService, type ErasureOutcome, type LegalHoldScope } from './erasure/audit-erasure.service.js';
export { AuditHealthService } from './monitoring/audit-health.service.js';
export {
  AUDIT_ENTRIES_PAGE_LIMIT,
  AuditReader,
  type AuditEntriesPage,
  type AuditPayloadStatus,
  type ReadAuditEntry,
} from './reader/audit-reader.service.js';
export { AuditJobsModule } from './audit.jobs.module.js';
export { auditExportQueue, auditQueue, type AuditExportJobs, type AuditJobs } from './audit.queue.js';
export { AuditAnchoringService, type AnchoringSummary } from './anchor/audit-anchoring.service.js';
export {
  AnchorReceiptRepository,
  type CheckpointToAnchor,
  type StoredAnchorReceipt,
} from './anchor/anchor-receipt.repository.js';
export {
  AuditPublicationFailureRepository,
  type AuditPublicationStage,
  type OngoingPublicationFailure,
  type PublicationFailureTotal,
} from './monitoring/audit-publication-failure.repository.js';
export { AuditIntegrationLoop } from './sequencer/audit-integration.loop.js';
export { AuditHttpModule } from './audit.http.module.js';

// Witnesses and anchors (issue items 5 and 6): C2SP timestamped cosignatures, the tlog-witness service, server,
// client and k-of-n policy, and the pluggable checkpoint anchors. None of it needs the database.
export {
  AnchorError,
  WitnessError,
  type AnchorErrorCode,
  type WitnessErrorCode,
  type WitnessErrorDetails,
} from './audit.errors.js';
export {
  COSIGNATURE_SIGNATURE_TYPE_ED25519,
  cosignatureKeyId,
  decodeCosignatureSignerKey,
  decodeCosignatureVerifierKey,
  encodeCosignatureSignerKey,
  encodeCosignatureVerifierKey,
} from './cosignature/cosignature-key.codec.js';
export { generateCosignatureKeyPair } from './cosignature/cosignature-key.generator.js';
export {
  cosignatureMessage,
  cosignatureTimestamp,
  decodeTimestampedSignature,
  ED25519_COSIGNATURE_SIZE,
  encodeTimestampedSignature,
  type TimestampedSignature,
} from './cosignature/cosignature-message.codec.js';
export { Ed25519CosignatureSigner, type CosignatureClock } from './cosignature/ed25519-cosignature.signer.js';
export { Ed25519CosignatureVerifier } from './cosignature/ed25519-cosignature.verifier.js';
export {
  formatAddCheckpointRequest,
  formatTlogSize,
  MAX_WITNESS_PROOF_HASHES,
  parseAddCheckpointRequest,
  parseTlogSize,
  TLOG_SIZE_MEDIA_TYPE,
  type AddCheckpointRequest,
} from './witness/witness-request.codec.js';
export { WitnessStateStore } from './witness/witness-state.store.js';
export {
  WitnessService,
  witnessedLogsFromVerifierKeys,
  type WitnessCosigner,
  type WitnessCosignResult,
  type WitnessServiceOptions,
} from './witness/witness.service.js';
export { DEFAULT_WITNESS_MAX_BODY_BYTES, WitnessServer, type WitnessServerOptions } from './witness/witness.server.js';
export {
  WitnessClient,
  type ConsistencyProofSource,
  type WitnessClientOptions,
  type WitnessCosignature,
  type WitnessSubmitOptions,
} from './witness/witness.client.js';
export {
  WitnessPolicy,
  type CollectedCosignature,
  type ConfiguredWitness,
  type WitnessFailure,
  type WitnessPolicyOptions,
  type WitnessPolicyResult,
} from './witness/witness.policy.js';
export type {
  WitnessedLog,
  WitnessEvidence,
  WitnessLogger,
  WitnessLogState,
  WitnessStateCommit,
  WitnessStateStorage,
} from './witness/witness.types.js';
export type {
  AnchoredCheckpoint,
  AnchorReceipt,
  AnchorReceiptValue,
  AuditAnchor,
} from './anchor/audit-anchor.types.js';
export {
  WRITE_ONCE_DIRECTORY_ANCHOR_KIND,
  WRITE_ONCE_INDEX_FILE,
  WriteOnceDirectoryAnchor,
  type WriteOnceDirectoryReceipt,
} from './anchor/write-once-directory.anchor.js';
export {
  RFC3161_ANCHOR_KIND,
  Rfc3161TimestampAnchor,
  type Rfc3161Receipt,
  type Rfc3161TimestampAnchorOptions,
} from './anchor/rfc3161-timestamp.anchor.js';

// Evidence packs (README.md in evidence/): written by `verity audit export`, checked by `verity verify-pack` and by
// the pack's own verify.html. Pure Node and file I/O only, so its place after the Nest modules does not matter.
export { buildEvidencePack, type BuiltEvidencePack } from './evidence/evidence-pack.builder.js';
export {
  EVIDENCE_PACK_ERROR_DESCRIPTIONS,
  EVIDENCE_PACK_FAILURE_DESCRIPTIONS,
  EvidencePackError,
  type EvidencePackErrorCode,
  type EvidencePackFailureCode,
} from './evidence/evidence-pack.errors.js';
export { EvidencePackReader } from './evidence/evidence-pack.reader.js';
export {
  EVIDENCE_PACK_FILES,
  EVIDENCE_PACK_FORMAT,
  EVIDENCE_PACK_VERSION,
  type EvidenceAnchorReceipt,
  type EvidenceAnchorResult,
  type EvidenceCheckpointResult,
  type EvidenceEntryResult,
  type EvidencePackEntryInput,
  type EvidencePackEntryLine,
  type EvidencePackFailure,
  type EvidencePackFiles,
  type EvidencePackInput,
  type EvidencePackManifest,
  type EvidencePackReport,
  type EvidencePackSelection,
  type EvidencePackSource,
  type EvidencePackSummary,
} from './evidence/evidence-pack.types.js';
export { EvidencePackVerifier, type EvidencePackVerifyOptions } from './evidence/evidence-pack.verifier.js';
export { EvidencePackWriter } from './evidence/evidence-pack.writer.js';
export { renderVerifyPage } from './evidence/verify-page.renderer.js';

// Database-side verification and export (`verity audit fsck`, `verity audit export`; issue item 8).
export { AUDIT_FSCK_FAILURE_DESCRIPTIONS, type AuditFsckFailureCode } from './fsck/audit-fsck.errors.js';
export { AUDIT_FSCK_PAGE_SIZE, AuditFsckService } from './fsck/audit-fsck.service.js';
export type {
  AuditFsckFailure,
  AuditFsckLogReport,
  AuditFsckOptions,
  AuditFsckPayloadCounts,
  AuditFsckReport,
  AuditFsckSummary,
} from './fsck/audit-fsck.types.js';
export { AuditExportError, type AuditExportErrorCode } from './export/audit-export.errors.js';
export {
  AUDIT_EXPORT_ACTION,
  AUDIT_EXPORT_MAX_ENTRIES,
  AuditExportService,
  type AuditExportPreflight,
  type AuditExportRequest,
  type AuditExportResult,
  type AuditExportSelection,
} from './export/audit-export.service.js';
// Evidence packs requested over HTTP and built by the worker (issue item 11).
export { AUDIT_EXPORT_STATUSES, type AuditExportStatus } from './export/audit-export.entity.js';
export { AuditExportRepository, type AuditExportRecord } from './export/audit-export.repository.js';
export {
  AUDIT_EXPORT_REQUESTED_ACTION,
  AuditExportRequestService,
  type AuditExportDownload,
  type AuditExportSelectionInput,
} from './export/audit-export-request.service.js';
export {
  AUDIT_EXPORT_PROGRESS_INTERVAL_MS,
  AuditExportJobService,
  type AuditExportJobOutcome,
} from './export/audit-export-job.service.js';
export { evidencePackArchiveName } from './export/evidence-pack-archive.name.js';
export { TarPathError, TarWriter, type TarMemberOptions } from './export/tar.writer.js';
export { EvidencePackArchiver } from './export/evidence-pack.archiver.js';
