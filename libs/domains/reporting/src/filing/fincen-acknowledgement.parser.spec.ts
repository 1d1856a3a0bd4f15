import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '@platform/config';
import { acknowledgementOutcome, parseFincenAcknowledgement } from './fincen-acknowledgement.parser.js';

const sample = (name: string): string => readFileSync(join(projectRoot(), 'reports/samples/fincen', name), 'utf8');

describe('parseFincenAcknowledgement', () => {
  it('reads the SAR acknowledgement sample: BSA IDs and the warnings of each activity', () => {
    const ack = parseFincenAcknowledgement(sample('sar_acknowledgement.xml'));
    expect(ack.batchStatus).toBe('A');
    expect(ack.activities.map((a) => a.bsaId)).toEqual(['31000055053784', '31000055053785', '31000055053786']);
    expect(ack.activities[0]?.errors).toHaveLength(2);
    expect(ack.activities[0]?.errors[0]).toMatchObject({
      level: 'WARN',
      typeCode: 'C21',
      element: 'PartyIdentificationNumberText',
    });
    expect(ack.activities[1]?.errors).toEqual([]);
    const outcome = acknowledgementOutcome(ack);
    expect(outcome).toMatchObject({ outcome: 'acknowledged', bsaId: '31000055053784', reasons: [] });
    expect(outcome.warnings).toHaveLength(2);
  });

  it('reads the CTR acknowledgement sample', () => {
    const ack = parseFincenAcknowledgement(sample('ctr_acknowledgement.xml'));
    expect(ack.activities.map((a) => [a.bsaId, a.errors.length])).toEqual([
      ['31000000000001', 1],
      ['31000000000002', 0],
      ['31000000000003', 2],
    ]);
    expect(acknowledgementOutcome(ack, 2)).toMatchObject({ outcome: 'acknowledged', bsaId: '31000000000003' });
  });

  it('rejects on a FATAL error, with the reasons', () => {
    const xml = sample('sar_acknowledgement.xml').replace(
      '<ErrorLevelText>WARN</ErrorLevelText>',
      '<ErrorLevelText>FATAL</ErrorLevelText>',
    );
    const outcome = acknowledgementOutcome(parseFincenAcknowledgement(xml));
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.reasons).toEqual([
      'C21 PartyIdentificationNumberText: The value recorded for the EIN or SSN/ITIN is an invalid number string.',
    ]);
  });

  it('rejects when the batch was rejected', () => {
    const xml = sample('ctr_acknowledgement.xml').replace(
      '<EFilingBatchXML StatusCode="A"',
      '<EFilingBatchXML StatusCode="R"',
    );
    expect(acknowledgementOutcome(parseFincenAcknowledgement(xml)).outcome).toBe('rejected');
  });

  it('refuses a DOCTYPE (XXE, entity expansion) and non-acknowledgements', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><EFilingBatchXML StatusCode="A">&x;</EFilingBatchXML>`;
    expect(() => parseFincenAcknowledgement(xxe)).toThrow(/DOCTYPE/);
    expect(() => parseFincenAcknowledgement('<other/>')).toThrow(/EFilingBatchXML/);
    expect(() => parseFincenAcknowledgement('<EFilingBatchXML><unclosed></EFilingBatchXML>')).toThrow();
  });
});
