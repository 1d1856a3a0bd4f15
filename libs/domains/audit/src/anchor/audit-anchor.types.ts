/** A JSON value: what a receipt may hold, so receipts survive a round trip through storage and evidence packs. */
export type AnchorReceiptValue =
  string | number | boolean | null | readonly AnchorReceiptValue[] | { readonly [key: string]: AnchorReceiptValue };

/**
 * What an anchor hands back: enough to find and re-check the anchored copy later, with no live state. `kind` names
 * the anchor that can verify it; `createdAt` is when the anchor ran (ISO 8601), not a trusted time — only a
 * time-stamp token or a chain carries a time someone else vouches for.
 */
export interface AnchorReceipt {
  readonly kind: string;
  readonly createdAt: string;
  readonly [field: string]: AnchorReceiptValue;
}

/** The checkpoint to anchor: its origin and size (for naming and indexing) and the signed note text itself. */
export interface AnchoredCheckpoint {
  readonly origin: string;
  readonly size: number;
  /** The signed checkpoint note, with the log's signature and any cosignatures: the bytes the anchor protects. */
  readonly noteText: string;
}

/**
 * Puts a checkpoint somewhere the operator cannot quietly rewrite it, so that a later rewrite of the log is caught by
 * comparing against the anchor. See anchor/README.md for the contract new anchors (S3 Object Lock, a blockchain)
 * follow.
 */
export interface AuditAnchor {
  readonly kind: string;
  /** Anchors the note and returns a receipt; throws AnchorError when the anchor refuses or cannot be reached. */
  anchor(checkpoint: AnchoredCheckpoint): Promise<AnchorReceipt>;
  /** Re-checks a receipt against the note text; resolves when it holds, throws AnchorError naming what does not. */
  verify(receipt: AnchorReceipt, noteText: string): Promise<void>;
}
