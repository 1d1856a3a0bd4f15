import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { projectRoot } from '@platform/config';
import { XsdSchema } from '@platform/xml';
import type { ReportDocument, ReportFormat } from '../document/report.document.js';
import { ReportingError } from '../reporting.errors.js';
import { renderFincenCtr, validateFincenCtr } from './fincen-ctr.renderer.js';
import { renderFincenSar, validateFincenSar } from './fincen-sar.renderer.js';
import { renderGoaml, validateGoaml } from './goaml-report.renderer.js';
import { renderPdfCaseReport } from './pdf-case-report.renderer.js';

/** One rendered report file: its bytes, how to serve it and its SHA-256 (lowercase hex), which the ledger records. */
export interface RenderedReport {
  bytes: Uint8Array;
  mediaType: string;
  fileName: string;
  sha256: string;
}

/** A field the format needs and the document lacks (or has in a form the format refuses). */
export interface ReportFieldProblem {
  /** Path into the ReportDocument, e.g. `parties[0].birthDate`. */
  path: string;
  message: string;
}

/** The vendored XSD each XML format must validate against (reports/<definition>/definition.json names the same). */
export const REPORT_SCHEMAS: Readonly<Record<Exclude<ReportFormat, 'pdf'>, string>> = {
  goaml: 'reports/schemas/goaml/goAMLSchema.xsd',
  'fincen-sar': 'reports/schemas/fincen/EFL_SARXBatchSchema.xsd',
  'fincen-ctr': 'reports/schemas/fincen/EFL_CTRXBatchSchema.xsd',
};

/** XSD issues listed in a schema_invalid error, at most. */
const MAX_LISTED_ISSUES = 20;

function fileStem(doc: ReportDocument): string {
  return doc.reference.replace(/[^A-Za-z0-9._-]+/g, '_') || doc.id;
}

/**
 * Turns a ReportDocument into a regulator format: goAML XML (STR, SAR), FinCEN SAR and CTR batch XML, or the PDF case
 * report. Renderers never read the database; XML output is validated against the vendored XSD before it is returned.
 */
@Injectable()
export class ReportRenderer {
  /** Field-level problems that block rendering `format` (required fields of the format, code lists, lengths). */
  validate(doc: ReportDocument, format: ReportFormat): ReportFieldProblem[] {
    switch (format) {
      case 'goaml':
        return validateGoaml(doc);
      case 'fincen-sar':
        return validateFincenSar(doc);
      case 'fincen-ctr':
        return validateFincenCtr(doc);
      case 'pdf':
        return doc.reference.length === 0 ? [{ path: 'reference', message: 'the report needs a reference' }] : [];
    }
  }

  /**
   * Renders; XML formats are validated against their XSD and throw ReportingError('reporting/schema_invalid') listing
   * the XSD issues if the output does not validate (it never should when validate() returned nothing). A document
   * with field problems is refused first with `reporting/report_fields_invalid`.
   */
  async render(doc: ReportDocument, format: ReportFormat): Promise<RenderedReport> {
    const problems = this.validate(doc, format);
    if (problems.length > 0) {
      throw new ReportingError(
        'reporting/report_fields_invalid',
        'unprocessable',
        `the report cannot be rendered as ${format}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        { problems },
      );
    }
    if (format === 'pdf') {
      return this.file(await renderPdfCaseReport(doc), 'application/pdf', `${fileStem(doc)}.pdf`);
    }
    const xml =
      format === 'goaml' ? renderGoaml(doc) : format === 'fincen-sar' ? renderFincenSar(doc) : renderFincenCtr(doc);
    const result = XsdSchema.load(join(projectRoot(), REPORT_SCHEMAS[format])).validate(xml);
    if (!result.valid) {
      const listed = result.issues
        .slice(0, MAX_LISTED_ISSUES)
        .map((issue) => `line ${issue.line ?? '?'}: ${issue.message}`)
        .join('; ');
      throw new ReportingError(
        'reporting/schema_invalid',
        'unprocessable',
        `the ${format} XML does not validate against ${REPORT_SCHEMAS[format]} (${result.issues.length} issues): ${listed}`,
        { issues: result.issues.slice(0, MAX_LISTED_ISSUES) },
      );
    }
    const suffix = format === 'goaml' ? `goaml-${doc.kind.toLowerCase()}` : format;
    return this.file(new TextEncoder().encode(xml), 'application/xml', `${fileStem(doc)}.${suffix}.xml`);
  }

  private file(bytes: Uint8Array, mediaType: string, fileName: string): RenderedReport {
    return { bytes, mediaType, fileName, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
}
