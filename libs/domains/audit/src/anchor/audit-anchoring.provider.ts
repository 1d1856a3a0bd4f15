import { isAbsolute, resolve } from 'node:path';
import { ConfigError, projectRoot, type AppConfig } from '@platform/config';
import type { AuditAnchor } from './audit-anchor.types.js';
import { Rfc3161TimestampAnchor } from './rfc3161-timestamp.anchor.js';
import { WriteOnceDirectoryAnchor } from './write-once-directory.anchor.js';

/** Injection token of the configured anchors (`readonly AuditAnchor[]`, possibly empty). */
export const AUDIT_ANCHORS = Symbol('AUDIT_ANCHORS');

/** Where `npm start` (development mode) anchors when AUDIT_ANCHORS is unset. */
export const DEVELOPMENT_ANCHOR_DIRECTORY = '.data/anchors';

const fromProject = (path: string): string => (isAbsolute(path) ? path : resolve(projectRoot(), path));

/**
 * Builds anchors from `dir:<path>` and `rfc3161:<url>[|<ca file>]` entries. Relative paths are taken from the
 * project root. Two anchors of one kind are refused: receipts are unique per (checkpoint, kind).
 */
export function parseAuditAnchors(value: string): AuditAnchor[] {
  const anchors = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry): AuditAnchor => {
      if (entry.startsWith('dir:')) return new WriteOnceDirectoryAnchor(fromProject(entry.slice('dir:'.length)));
      if (entry.startsWith('rfc3161:')) {
        const [tsaUrl, caFile] = entry.slice('rfc3161:'.length).split('|');
        return new Rfc3161TimestampAnchor({ tsaUrl, caFile: caFile === undefined ? undefined : fromProject(caFile) });
      }
      throw new ConfigError([`AUDIT_ANCHORS: ${JSON.stringify(entry)} is neither dir:<path> nor rfc3161:<url>`]);
    });
  const kinds = anchors.map(({ kind }) => kind);
  const duplicate = kinds.find((kind, i) => kinds.indexOf(kind) !== i);
  if (duplicate !== undefined) {
    throw new ConfigError([`AUDIT_ANCHORS: the ${duplicate} anchor is configured twice; configure one per kind`]);
  }
  return anchors;
}

/** AUDIT_ANCHORS, or the development directory under `npm start` when it is unset. */
export function configuredAuditAnchors(config: AppConfig): AuditAnchor[] {
  const value =
    config.values.AUDIT_ANCHORS ??
    (config.values.NODE_ENV === 'development' ? `dir:${DEVELOPMENT_ANCHOR_DIRECTORY}` : '');
  return parseAuditAnchors(value);
}
