import { DomainError, type DomainErrorKind } from '@platform/errors';

/**
 * Every way an evidence pack can fail verification, in the order the verifiers check them (the first that does not
 * hold is the one reported). The CLI, the pack's verify.html and the export all show these sentences, so they name
 * the broken guarantee for an auditor, not the code path.
 */
export const EVIDENCE_PACK_FAILURE_DESCRIPTIONS = {
  'evidence/manifest_invalid':
    'manifest.json is missing, is not JSON, or does not describe a version 1 evidence pack (fields, file paths or entry list malformed).',
  'evidence/file_missing': 'A file listed in manifest.json is not in the pack.',
  'evidence/file_hash_mismatch':
    'A file of the pack does not have the SHA-256 listed in manifest.json: it was altered.',
  'evidence/unlisted_file': 'The pack holds a file that manifest.json does not list, or a link or special file.',
  'evidence/keys_invalid':
    'keys.txt is malformed: a key line outside the # log / # witness groups, an unusable key, a duplicate, or no log key.',
  'evidence/checkpoint_malformed': 'checkpoint.txt is not a C2SP signed note carrying a c2sp.org/tlog-checkpoint body.',
  'evidence/checkpoint_signature_invalid':
    'checkpoint.txt carries no valid signature from a log key in keys.txt: it was forged or altered.',
  'evidence/checkpoint_mismatch':
    'The checkpoint (origin, tree size or root hash) is not the one manifest.json says the pack was exported against.',
  'evidence/witness_cosignature_invalid':
    'A cosignature by a witness key in keys.txt does not verify: the checkpoint or the cosignature was altered.',
  'evidence/witness_quorum_not_met': 'Fewer witnesses than the required quorum validly cosigned the checkpoint.',
  'evidence/entry_malformed':
    'entries.jsonl is not one well-formed entry object per line (index, leaf, recordedAt, actor, action, subject, payload, salt, erased).',
  'evidence/entry_set_mismatch':
    'The entries in entries.jsonl are not exactly the entries manifest.json lists, in ascending index order.',
  'evidence/selection_mismatch':
    'An entry falls outside what manifest.json says was exported (another subject, or a gap in an index range).',
  'evidence/leaf_mismatch':
    'An entry’s leaf bytes are not a version 1 audit leaf, or do not hold the time, actor, action and subject listed beside them.',
  'evidence/payload_hash_mismatch':
    'An entry’s payload and salt do not hash to the payload hash its leaf commits to: the payload was altered.',
  'evidence/proof_missing': 'An entry has no proofs/<index>.tlog-proof file.',
  'evidence/inclusion_proof_invalid':
    'An entry’s tlog-proof is malformed, is for another index or checkpoint, or does not lead from its leaf to the checkpoint root.',
  'evidence/anchor_invalid':
    'An anchor receipt is not a JSON object with a kind, or lacks what its kind requires (an RFC 3161 token, a SHA-256).',
  'evidence/anchor_mismatch':
    'An anchor receipt does not refer to this checkpoint: its SHA-256 imprint is not that of checkpoint.txt.',
  'evidence/browser_unsupported':
    'This browser cannot verify the pack (no WebCrypto Ed25519); use a current Chrome, Edge, Firefox or Safari, or the CLI.',
} as const;

export type EvidencePackFailureCode = keyof typeof EVIDENCE_PACK_FAILURE_DESCRIPTIONS;

/** Errors of writing a pack (reading and verifying one reports EvidencePackFailureCode in a result instead). */
export const EVIDENCE_PACK_ERROR_DESCRIPTIONS = {
  ...EVIDENCE_PACK_FAILURE_DESCRIPTIONS,
  'evidence/target_not_empty':
    'The directory to write the pack into already holds files; a pack is only ever written into a new or empty one.',
  'evidence/invalid_input':
    'The pieces handed to the pack writer are inconsistent (unsorted or repeated indexes, a leaf that does not decode, a quorum above the witness count).',
} as const;

export type EvidencePackErrorCode = keyof typeof EVIDENCE_PACK_ERROR_DESCRIPTIONS;

const ERROR_KINDS: Record<'evidence/target_not_empty' | 'evidence/invalid_input', DomainErrorKind> = {
  'evidence/target_not_empty': 'conflict',
  'evidence/invalid_input': 'invalid',
};

/**
 * Thrown by the writer: for bad input, a non-empty target, or (with the failure code) when the pack it built would
 * not verify, so an export never hands an auditor a pack that fails.
 */
export class EvidencePackError extends DomainError<EvidencePackErrorCode> {
  constructor(code: EvidencePackErrorCode, message: string) {
    super(code, code in ERROR_KINDS ? ERROR_KINDS[code as keyof typeof ERROR_KINDS] : 'unprocessable', message);
  }
}
