import { decodeBase64 } from '../canonical/base64.codec.js';
import type { EvidencePackEntryLine } from './evidence-pack.types.js';

/** The members of every entries.jsonl line. */
export const ENTRY_MEMBERS: readonly string[] = [
  'action',
  'actor',
  'erased',
  'index',
  'leaf',
  'payload',
  'recordedAt',
  'salt',
  'subject',
];

/** One line of entries.jsonl, members in a fixed order so that the same entry always exports to the same bytes. */
export function formatEntryLine(entry: EvidencePackEntryLine): string {
  const ordered: EvidencePackEntryLine = {
    index: entry.index,
    leaf: entry.leaf,
    recordedAt: entry.recordedAt,
    actor: { type: entry.actor.type, id: entry.actor.id },
    action: entry.action,
    subject: { type: entry.subject.type, id: entry.subject.id },
    payload: entry.payload,
    salt: entry.salt,
    erased: entry.erased,
  };
  return `${JSON.stringify(ordered)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasMembers(value: Record<string, unknown>, members: readonly string[]): boolean {
  const keys = Object.keys(value).sort();
  return keys.length === members.length && [...members].sort().every((member, i) => keys[i] === member);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isPair(value: unknown): value is { type: string; id: string } {
  return isRecord(value) && hasMembers(value, ['id', 'type']) && isText(value.type) && isText(value.id);
}

function isBase64(value: unknown): value is string {
  return isText(value) && decodeBase64(value) !== undefined;
}

function entryProblem(value: unknown): string | undefined {
  if (!isRecord(value) || !hasMembers(value, ENTRY_MEMBERS)) {
    return `it must be an object with exactly ${ENTRY_MEMBERS.join(', ')}`;
  }
  if (typeof value.index !== 'number' || !Number.isSafeInteger(value.index) || value.index < 0) {
    return 'index is not a non-negative integer';
  }
  if (!isBase64(value.leaf)) return 'leaf is not base64';
  if (!isText(value.recordedAt) || !isText(value.action)) return 'recordedAt and action must be non-empty strings';
  if (!isPair(value.actor) || !isPair(value.subject)) return 'actor and subject must be { type, id }';
  if (value.erased === true) {
    return value.payload === null && value.salt === null ? undefined : 'an erased entry has payload and salt null';
  }
  if (value.erased !== false) return 'erased must be true or false';
  return isBase64(value.salt) ? undefined : 'salt is not base64';
}

export type ParsedEntries = { readonly entries: readonly EvidencePackEntryLine[] } | { readonly error: string };

/** Reads entries.jsonl: UTF-8, one entry object per LF-terminated line, nothing else. Field syntax only. */
export function parseEntries(bytes: Uint8Array): ParsedEntries {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'entries.jsonl is not UTF-8' };
  }
  if (text === '') return { entries: [] };
  if (!text.endsWith('\n')) return { error: 'entries.jsonl must end with a newline' };
  const entries: EvidencePackEntryLine[] = [];
  for (const [number, line] of text.slice(0, -1).split('\n').entries()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { error: `line ${number + 1} is not JSON` };
    }
    const problem = entryProblem(value);
    if (problem !== undefined) return { error: `line ${number + 1}: ${problem}` };
    entries.push(value as EvidencePackEntryLine);
  }
  return { entries };
}
