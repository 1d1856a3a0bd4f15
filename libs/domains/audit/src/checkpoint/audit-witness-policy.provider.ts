import { ConfigError, type AppConfig } from '@platform/config';
import { Ed25519CosignatureVerifier } from '../cosignature/ed25519-cosignature.verifier.js';
import { WitnessPolicy, type ConfiguredWitness } from '../witness/witness.policy.js';

/** Injection token of the worker's witnessing (AuditWitnessing); null when AUDIT_WITNESS_QUORUM is 0. */
export const AUDIT_WITNESS_POLICY = Symbol('AUDIT_WITNESS_POLICY');

/** What the checkpoint service needs to have checkpoints cosigned before it publishes them. */
export interface AuditWitnessing {
  readonly policy: WitnessPolicy;
  /** `name+keyId` of every configured witness key: their cosignatures are not the log's own signatures. */
  readonly keyLabels: ReadonlySet<string>;
}

/** How long one checkpoint's collection may take, retries included; a slower witness counts as missing. */
export const WITNESS_COLLECTION_TIMEOUT_MS = 5_000;

/** Parses AUDIT_WITNESSES (`<url>|<verifier key>`, comma-separated). */
export function parseConfiguredWitnesses(value: string | undefined): ConfiguredWitness[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const separator = entry.indexOf('|');
      return { url: entry.slice(0, separator), verifierKey: entry.slice(separator + 1) };
    });
}

/** The `name+keyId` labels of the configured witnesses' keys, to tell their cosignatures from the log's signatures. */
export function witnessKeyLabels(witnesses: readonly ConfiguredWitness[]): Set<string> {
  return new Set(
    witnesses.map(({ verifierKey }) => {
      const verifier = Ed25519CosignatureVerifier.fromVerifierKey(verifierKey);
      return `${verifier.name}+${verifier.keyId}`;
    }),
  );
}

/**
 * Builds the policy from AUDIT_WITNESSES and AUDIT_WITNESS_QUORUM, or null when no quorum is required. A quorum above
 * the number of witnesses, or a witness key that does not parse, stops the worker at start with a ConfigError.
 */
export function configuredWitnessPolicy(config: AppConfig): AuditWitnessing | null {
  const threshold = config.values.AUDIT_WITNESS_QUORUM;
  if (threshold === 0) return null;
  const witnesses = parseConfiguredWitnesses(config.values.AUDIT_WITNESSES);
  try {
    return {
      policy: new WitnessPolicy({ witnesses, threshold, timeoutMs: WITNESS_COLLECTION_TIMEOUT_MS }),
      keyLabels: witnessKeyLabels(witnesses),
    };
  } catch (error) {
    throw new ConfigError([
      `AUDIT_WITNESSES / AUDIT_WITNESS_QUORUM: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
}
