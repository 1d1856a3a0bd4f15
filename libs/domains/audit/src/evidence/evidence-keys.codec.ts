/** The verifier keys of a pack (keys.txt), or of a trusted keys file an auditor passes to `verity verify-pack`. */
export interface EvidenceKeys {
  /** Log keys, `<name>+<id>+<base64(0x01 ‖ key)>` (c2sp.org/signed-note). */
  readonly logKeys: readonly string[];
  /** Witness keys, `<name>+<id>+<base64(0x04 ‖ key)>` (c2sp.org/tlog-cosignature). */
  readonly witnessKeys: readonly string[];
}

const LOG_HEADER = '# log';
const WITNESS_HEADER = '# witness';

/** keys.txt: a `# log` line, the log keys one per line, a `# witness` line, the witness keys; LF line endings. */
export function formatEvidenceKeys({ logKeys, witnessKeys }: EvidenceKeys): string {
  return [LOG_HEADER, ...logKeys, WITNESS_HEADER, ...witnessKeys].map((line) => `${line}\n`).join('');
}

export type ParsedEvidenceKeys = { readonly keys: EvidenceKeys } | { readonly error: string };

/**
 * Splits keys.txt into its groups. Blank lines and other `#` comment lines are allowed, so that an auditor can keep
 * notes in a trusted keys file; a key line before any group header is refused. Keys are checked by the caller.
 */
export function parseEvidenceKeys(text: string): ParsedEvidenceKeys {
  const logKeys: string[] = [];
  const witnessKeys: string[] = [];
  let group: string[] | undefined;
  for (const [number, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === LOG_HEADER) group = logKeys;
    else if (line === WITNESS_HEADER) group = witnessKeys;
    else if (line === '' || line.startsWith('#')) continue;
    else if (group === undefined) return { error: `line ${number + 1} holds a key before any # log or # witness line` };
    else if (logKeys.includes(line) || witnessKeys.includes(line)) {
      return { error: `line ${number + 1} repeats a key` };
    } else group.push(line);
  }
  if (logKeys.length === 0) return { error: 'there is no log key (a # log line followed by a key)' };
  return { keys: { logKeys, witnessKeys } };
}
