import { describe, expect, it } from 'vitest';
import { iso20022Schema } from '../xml/iso20022-schema.locator.js';
import { StatusReportBuilder } from './status-report.builder.js';
import { groupStatusOf } from './status-report.codes.js';

describe('StatusReportBuilder', () => {
  const builder = new StatusReportBuilder();
  const original = { msgId: 'ORIG-1', msgNmId: 'pacs.008.001.08', creDtTm: '2026-11-30T10:00:00+00:00', nbOfTxs: 3 };
  const transactions = [
    { endToEndId: 'E1', instrId: 'I1', uetr: '2a7a8f3c-5d1b-4e2f-9c3a-1b2c3d4e5f60', status: 'ACSP' as const },
    {
      endToEndId: 'E2',
      status: 'RJCT' as const,
      reasonCode: 'RR04',
      additionalInfo: 'Dbtr <matches> & "x"'.repeat(10),
    },
    { endToEndId: 'E3', pmtInfId: 'P2', status: 'PDNG' as const },
  ];

  it('builds a pacs.002.001.10 that validates against its XSD, with per-transaction status and reasons', () => {
    const report = builder.build({ type: 'pacs.002.001.10', original, groupStatus: 'PART', transactions });
    expect(iso20022Schema('pacs.002.001.10').validate(report.xml)).toEqual({ valid: true, issues: [] });
    expect(report.xml).toContain('<GrpSts>PART</GrpSts>');
    expect(report.xml).toContain('<OrgnlEndToEndId>E2</OrgnlEndToEndId>');
    expect(report.xml).toContain('<Cd>RR04</Cd>');
    expect(report.xml).toContain('&lt;matches&gt; &amp;');
  });

  it('builds a pain.002.001.10 grouped by payment information block that validates against its XSD', () => {
    const report = builder.build({
      type: 'pain.002.001.10',
      original: { ...original, msgNmId: 'pain.001.001.09' },
      groupStatus: 'PART',
      transactions,
    });
    expect(iso20022Schema('pain.002.001.10').validate(report.xml)).toEqual({ valid: true, issues: [] });
    expect(report.xml.match(/<OrgnlPmtInfAndSts>/g)).toHaveLength(2);
  });

  it('builds a report of a message rejected whole (no transactions)', () => {
    const report = builder.build({
      type: 'pacs.002.001.10',
      original,
      groupStatus: 'RJCT',
      groupReason: { code: 'FF01', additionalInfo: 'schema' },
      transactions: [],
    });
    expect(iso20022Schema('pacs.002.001.10').validate(report.xml).valid).toBe(true);
  });

  it('derives the group status from the transaction statuses', () => {
    expect(groupStatusOf(['ACSP', 'ACSP'])).toBe('ACSP');
    expect(groupStatusOf(['ACCP', 'ACSP'])).toBe('ACCP');
    expect(groupStatusOf(['ACSP', 'PDNG'])).toBe('PDNG');
    expect(groupStatusOf(['ACSP', 'RJCT'])).toBe('PART');
    expect(groupStatusOf(['PDNG', 'RJCT'])).toBe('PART');
    expect(groupStatusOf(['RJCT', 'RJCT'])).toBe('RJCT');
    expect(groupStatusOf([])).toBe('RJCT');
  });
});
