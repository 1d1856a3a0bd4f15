import { XMLParser } from 'fast-xml-parser';
import { ReportingError } from '../reporting.errors.js';

/** One error or warning FinCEN reported for an activity. */
export interface FincenAcknowledgementError {
  readonly level: string;
  readonly typeCode: string;
  readonly element: string;
  readonly context: string;
  readonly text: string;
}

export interface FincenAcknowledgementActivity {
  /** The BSA ID FinCEN gave the filing (14 digits). */
  readonly bsaId: string;
  readonly errors: readonly FincenAcknowledgementError[];
}

export interface FincenAcknowledgement {
  /** The batch's `StatusCode` (`A` accepted, `R` rejected, …). */
  readonly batchStatus: string;
  readonly activities: readonly FincenAcknowledgementActivity[];
}

/** What the acknowledgement means for one report (one activity). */
export interface FincenAcknowledgementOutcome {
  readonly outcome: 'acknowledged' | 'rejected';
  readonly bsaId: string | null;
  readonly warnings: readonly FincenAcknowledgementError[];
  /** Why it was rejected: the fatal errors (or the batch status). */
  readonly reasons: readonly string[];
}

const MAX_ACK_BYTES = 5 * 1024 * 1024;

function invalid(message: string): ReportingError {
  return new ReportingError('reporting/acknowledgement_invalid', 'invalid', message);
}

/** The element(s) under a name as objects (an empty element parses as a string and holds nothing). */
function records(value: unknown): Record<string, unknown>[] {
  const all: unknown[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return all.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * Reads a BSA E-Filing acknowledgement (the `EFilingBatchXML` response FinCEN returns for a SAR or CTR batch).
 * Refuses a DOCTYPE outright (no DTD, no entity expansion: XXE and billion laughs) and never expands entities.
 */
export function parseFincenAcknowledgement(xml: string): FincenAcknowledgement {
  if (Buffer.byteLength(xml, 'utf8') > MAX_ACK_BYTES) throw invalid('The acknowledgement is larger than 5 MiB');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw invalid('The acknowledgement has a DOCTYPE or an entity declaration: refused');
  let parsed: unknown;
  try {
    parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      processEntities: false,
      parseTagValue: false,
      removeNSPrefix: true,
    }).parse(xml, true);
  } catch (error) {
    throw invalid(`The acknowledgement is not well-formed XML: ${(error as Error).message}`);
  }
  const batch = (parsed as Record<string, unknown>).EFilingBatchXML as Record<string, unknown> | undefined;
  if (!batch || typeof batch !== 'object') throw invalid('Not a FinCEN acknowledgement: no EFilingBatchXML root');
  const activities: FincenAcknowledgementActivity[] = [];
  for (const submission of records(batch.EFilingSubmissionXML)) {
    for (const activity of records(submission.EFilingActivityXML)) {
      const errors = records(activity.EFilingActivityErrorXML)
        .filter((e) => e.ErrorText !== undefined)
        .map((e) => ({
          level: text(e.ErrorLevelText),
          typeCode: text(e.ErrorTypeCode),
          element: text(e.ErrorElementNameText),
          context: text(e.ErrorContextText),
          text: text(e.ErrorText),
        }));
      activities.push({ bsaId: text(activity.BSAID), errors });
    }
  }
  return { batchStatus: text(batch['@StatusCode']), activities };
}

/**
 * The outcome for a report filed as the only activity of its batch: rejected when the batch was rejected or the
 * activity has a FATAL error; otherwise acknowledged with its BSA ID (warnings kept).
 */
export function acknowledgementOutcome(ack: FincenAcknowledgement, activityIndex = 0): FincenAcknowledgementOutcome {
  const activity = ack.activities[activityIndex];
  const fatal = activity?.errors.filter((e) => e.level.toUpperCase() === 'FATAL') ?? [];
  const warnings = activity?.errors.filter((e) => e.level.toUpperCase() !== 'FATAL') ?? [];
  const reasons = fatal.map((e) => `${e.typeCode} ${e.element}: ${e.text}`);
  if (ack.batchStatus.toUpperCase() === 'R' && reasons.length === 0)
    reasons.push('The batch was rejected (StatusCode R)');
  if (!activity && reasons.length === 0) reasons.push('The acknowledgement names no activity');
  const bsaId = activity && /^\d{14}$/.test(activity.bsaId) ? activity.bsaId : null;
  if (reasons.length === 0 && bsaId === null) reasons.push('The acknowledgement carries no valid BSA ID');
  return { outcome: reasons.length > 0 ? 'rejected' : 'acknowledged', bsaId, warnings, reasons };
}
