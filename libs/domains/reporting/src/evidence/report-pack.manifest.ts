/**
 * A report pack (`verity-report-pack`, version 1): the folder filed beside a regulator report so that an auditor can
 * check offline that the report file is the one Verity generated and that the audit entries it relies on are in the
 * tenant's tamper-evident log.
 *
 * ```
 * report-pack.json          this manifest
 * report/<file>             the rendered report file(s), byte for byte as filed
 * audit/<nn>-<type>/        one audit evidence pack (verity-evidence-pack v1) per subject: the report, its case,
 *                           alerts, transactions and customers
 * ```
 *
 * The manifest binds the parts: the SHA-256 of every report file and of every audit pack's manifest.json (which in
 * turn lists the SHA-256 of every file of that pack). The report's own hash is recorded in the ledger as
 * `reporting.report.generated` when the report is generated, and that entry is in the pack of the `report` subject,
 * so the inclusion proof covers the report bytes too: verification fails unless some verified entry of that action
 * names each report file's SHA-256.
 */
export const REPORT_PACK_FORMAT = 'verity-report-pack';
export const REPORT_PACK_VERSION = 1;
export const REPORT_PACK_MANIFEST = 'report-pack.json';
export const REPORT_PACK_REPORT_DIR = 'report';
export const REPORT_PACK_AUDIT_DIR = 'audit';
/** The ledger action whose payload carries the SHA-256 of a generated report file (recorded by the reporting service). */
export const REPORT_PACK_BINDING_ACTION = 'reporting.report.generated';

export interface ReportPackManifest {
  readonly format: typeof REPORT_PACK_FORMAT;
  readonly version: typeof REPORT_PACK_VERSION;
  readonly createdAt: string;
  readonly reports: readonly { readonly file: string; readonly mediaType: string; readonly sha256: string }[];
  readonly audit: readonly {
    readonly dir: string;
    readonly subject: { readonly type: string; readonly id: string };
    /** SHA-256 of the audit pack's manifest.json. */
    readonly manifestSha256: string;
  }[];
}

/** Folder-safe name of one subject's audit pack inside `audit/`. */
export function auditPackDirName(position: number, subject: { type: string; id: string }): string {
  const id = subject.id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return `${String(position + 1).padStart(2, '0')}-${subject.type}-${id}`;
}
