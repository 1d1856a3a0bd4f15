import { Logger } from '@nestjs/common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, projectRoot, type AppConfig } from '@platform/config';
import { Ed25519NoteSigner } from '../note/ed25519-note.signer.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import type { NoteSigner } from '../note/signed-note.signer.js';

/** A checkpoint signer that can say which public key verifies it. */
export interface PublishedNoteSigner extends NoteSigner {
  /** The C2SP verifier key (`<name>+<id>+<key>`), published at GET /v1/audit/keys before the first signature. */
  readonly verifierKey: string;
}

/**
 * Where checkpoint signatures come from; only the worker needs one. The configured implementation holds Ed25519 keys
 * in memory; a KMS or HSM implementation provides the same token with signers whose sign() calls out, and the ledger
 * does not change.
 */
export interface NoteSignerProvider {
  /** Every key that signs new checkpoints: one, or two while a key rotation overlaps. */
  readonly signers: readonly PublishedNoteSigner[];
}

export const NOTE_SIGNER_PROVIDER = Symbol('NOTE_SIGNER_PROVIDER');

/** Where a laptop keeps its generated key (gitignored with the rest of .data/). */
export const DEVELOPMENT_SIGNING_KEY_FILE = '.data/audit-signing.key';

export interface SigningKeySettings {
  readonly signingKeys: string | undefined;
  readonly signingKeyFile: string | undefined;
  readonly production: boolean;
  /** Name of a generated key: the origin prefix, which every tenant log's origin starts with. */
  readonly keyName: string;
  /** Absolute path of the development key file. */
  readonly developmentKeyFile: string;
  readonly log: (message: string) => void;
}

function splitKeys(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}

/** Reads the development key, generating it on first use; `wx` makes two processes starting at once agree on one. */
function developmentKeys(settings: SigningKeySettings): string[] {
  const file = settings.developmentKeyFile;
  try {
    return splitKeys(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pair = generateNoteKeyPair(settings.keyName);
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${pair.signerKey}\n`, { flag: 'wx', mode: 0o600 });
    settings.log(`generated an audit checkpoint signing key in ${file}; its verifier key is ${pair.verifierKey}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return splitKeys(readFileSync(file, 'utf8'));
}

/**
 * The checkpoint signers from configuration: AUDIT_SIGNING_KEYS, else AUDIT_SIGNING_KEY_FILE, else (outside
 * production only) a key generated once into .data/audit-signing.key. A missing or malformed key is a ConfigError,
 * whose message never contains the key.
 */
export function loadNoteSigners(settings: SigningKeySettings): NoteSignerProvider {
  let keys: string[];
  if (settings.signingKeys !== undefined) {
    keys = splitKeys(settings.signingKeys);
  } else if (settings.signingKeyFile !== undefined) {
    try {
      keys = splitKeys(readFileSync(resolve(projectRoot(), settings.signingKeyFile), 'utf8'));
    } catch (error) {
      throw new ConfigError([
        `AUDIT_SIGNING_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      ]);
    }
  } else if (settings.production) {
    throw new ConfigError([
      'AUDIT_SIGNING_KEYS or AUDIT_SIGNING_KEY_FILE is required in production (the audit checkpoint signing key)',
    ]);
  } else {
    keys = developmentKeys(settings);
  }
  if (keys.length === 0) throw new ConfigError(['the audit checkpoint signing key list is empty']);
  const signers = keys.map((key, position) => {
    try {
      return Ed25519NoteSigner.fromSignerKey(key);
    } catch {
      throw new ConfigError([`audit checkpoint signing key ${position + 1} is not a C2SP Ed25519 PRIVATE+KEY string`]);
    }
  });
  const labels = new Set(signers.map((s) => `${s.name}+${s.keyId}`));
  if (labels.size !== signers.length) throw new ConfigError(['the same audit checkpoint signing key is listed twice']);
  return { signers };
}

/** The Nest factory of NOTE_SIGNER_PROVIDER: keys from AppConfig. */
export function configuredNoteSignerProvider(config: AppConfig): NoteSignerProvider {
  const logger = new Logger('AuditSigningKeys');
  return loadNoteSigners({
    signingKeys: config.values.AUDIT_SIGNING_KEYS,
    signingKeyFile: config.values.AUDIT_SIGNING_KEY_FILE,
    production: config.isProduction,
    keyName: config.values.AUDIT_ORIGIN_PREFIX,
    developmentKeyFile: resolve(projectRoot(), DEVELOPMENT_SIGNING_KEY_FILE),
    log: (message) => logger.log(message),
  });
}
