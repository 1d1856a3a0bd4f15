/**
 * Everything `verity audit fsck` checks, as the code it reports when that check fails. Per log, the structural checks
 * come first, then the leaves in index order (each leaf, its payload, the subtrees and checkpoints it completes), then
 * what lies beyond the tree; the first failure is the one named. The sentences are shown by the CLI next to the code,
 * so they say which guarantee is broken and what usually broke it.
 */
export const AUDIT_FSCK_FAILURE_DESCRIPTIONS = {
  'fsck/entry_listed_twice':
    'Two leaves point to the same entry: a row of audit_leaves was copied or re-pointed (and the unique constraint removed).',
  'fsck/index_gap':
    'The leaf indexes are not 0..n-1 without a gap: a row of audit_leaves was deleted (a leaf is missing at this index).',
  'fsck/entry_missing': 'A leaf points to an entry that does not exist: the row of audit_entries was deleted.',
  'fsck/entry_in_other_log': 'A leaf points to an entry of another tenant’s log: the leaf was re-pointed.',
  'fsck/leaf_mismatch':
    'The stored leaf hash is not SHA-256(0x00 ‖ leaf bytes rebuilt from the entry row): the entry was edited, or the leaf was rewritten, re-pointed or reordered.',
  'fsck/payload_tampered':
    'The entry’s payload does not decrypt, or SHA-256(salt ‖ payload) is not the payload hash its leaf commits to: the payload was altered.',
  'fsck/subject_key_unusable':
    'The entry’s subject key exists but does not unwrap with the configured AUDIT_MASTER_KEY: a master key is missing from the configuration, or the key row was altered.',
  'fsck/node_missing': 'A complete subtree has no stored node in audit_nodes: proofs over it cannot be served.',
  'fsck/node_mismatch':
    'A stored subtree node is not the hash recomputed from the leaves below it: the node (or a leaf under it) was rewritten.',
  'fsck/node_beyond_tree': 'A stored subtree node covers leaves beyond the tree: it was planted.',
  'fsck/checkpoint_malformed': 'A stored checkpoint note is not a C2SP signed note carrying a tlog-checkpoint body.',
  'fsck/checkpoint_signature_invalid':
    'A stored checkpoint carries no valid signature by a key of audit_verifier_keys, or an invalid one by such a key: it was forged or altered.',
  'fsck/checkpoint_origin_mismatch': 'A stored checkpoint names another log’s origin.',
  'fsck/checkpoint_row_mismatch':
    'The tree_size or root_hash columns of a checkpoint row differ from the signed note it stores: the row was edited.',
  'fsck/checkpoint_size_decreased':
    'A checkpoint is smaller than the one published before it: the log was rolled back, or checkpoints were reordered.',
  'fsck/checkpoint_root_mismatch':
    'A signed checkpoint’s root is not the root recomputed from the stored leaves at its size: leaves were inserted, removed, rewritten or reordered after it was signed.',
  'fsck/checkpoint_inconsistent':
    'The consistency proof between two consecutive checkpoints, built from the stored tree, does not verify.',
  'fsck/checkpoint_beyond_tree':
    'A checkpoint is larger than the stored tree: leaves it covers were deleted (a partial rollback).',
  'fsck/entry_outside_tree':
    'A committed entry is neither a leaf nor waiting for the sequencer: its leaf was deleted, or the entry was inserted behind the ledger’s back.',
} as const;

export type AuditFsckFailureCode = keyof typeof AUDIT_FSCK_FAILURE_DESCRIPTIONS;
