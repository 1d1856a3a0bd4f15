import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XsdSchema } from './xsd.schema.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const PACS_008 = `${ROOT}libs/domains/iso20022/schemas/xsd/pacs.008.001.08.xsd`;
const GOAML = `${ROOT}reports/schemas/goaml/goAMLSchema.xsd`;

describe('XsdSchema', () => {
  it('accepts a schema-valid goAML report and names the element and line of an invalid one', () => {
    const schema = XsdSchema.load(GOAML);
    const report = readFileSync(`${ROOT}reports/samples/goaml/STR.xml`, 'utf8');
    expect(schema.validate(report)).toEqual({ valid: true, issues: [] });

    const broken = report.replace(/<report_code>/, '<unexpected_field>x</unexpected_field><report_code>');
    const result = schema.validate(broken);
    expect(result.valid).toBe(false);
    expect(result.issues[0]?.element).toBe('unexpected_field');
    const line = broken.split('\n').findIndex((text) => text.includes('<unexpected_field>')) + 1;
    expect(result.issues[0]?.line).toBe(line);
  });

  it('reports a document that is not well-formed as an issue instead of throwing', () => {
    const result = XsdSchema.load(PACS_008).validate('<Document><unclosed></Document>');
    expect(result.valid).toBe(false);
    expect(result.issues.length).toBeGreaterThan(0);
  });

  it('compiles each schema once', () => {
    expect(XsdSchema.load(PACS_008)).toBe(XsdSchema.load(PACS_008));
  });
});
