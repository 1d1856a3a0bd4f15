import { describe, expect, it } from 'vitest';
import { csvField, neutraliseCsvCell, writeCsv } from './report-csv.writer.js';

describe('CSV formula neutralisation', () => {
  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'prefixes %j with a quote so a spreadsheet shows it as text',
    (value) => {
      expect(neutraliseCsvCell(value)).toBe(`'${value}`);
    },
  );

  it('leaves ordinary cells alone', () => {
    expect(neutraliseCsvCell('RPT-2026-000001')).toBe('RPT-2026-000001');
    expect(neutraliseCsvCell('a=b')).toBe('a=b');
    expect(neutraliseCsvCell('')).toBe('');
  });

  it('quotes neutralised cells that hold commas, quotes or line breaks', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
  });

  it('writes every row with CRLF and neutralises every column', () => {
    const csv = writeCsv(
      ['reference', 'reason'],
      [
        ['RPT-2026-000001', '=cmd|/c calc'],
        ['RPT-2026-000002', null],
      ],
    );
    expect(csv).toBe(`reference,reason\r\nRPT-2026-000001,'=cmd|/c calc\r\nRPT-2026-000002,\r\n`);
  });
});
