import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPoppler } from '@platform/testing';
import type { ReportDocument } from '../document/report.document.js';
import { reportDocumentFixture, withTransactions } from './report-document.fixture.js';
import { CONFIDENTIALITY_NOTICE } from './pdf-case-report.renderer.js';
import { ReportRenderer } from './report.renderer.js';

const run = promisify(execFile);
const popplerInstalled = hasPoppler();
const scratch = await mkdtemp(join(tmpdir(), 'verity-pdf-'));
const renderer = new ReportRenderer();

const evidence = {
  origin: 'verity.local/demo',
  treeSize: 42,
  checkpoint:
    'verity.local/demo\n42\nq1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v=\n\n— verity.local AbCdEf0123456789\n',
  records: [
    {
      index: 7,
      action: 'cases.case.opened',
      subject: { type: 'case', id: 'case-7' },
      recordedAt: '2026-03-02T10:00:00.000000Z',
      leafHash: 'LEAFHASHSEVEN0000000000000000000000000000000=',
      inclusionProof: ['PROOFNODEA000000000000000000000000000000000=', 'PROOFNODEB000000000000000000000000000000000='],
    },
    {
      index: 9,
      action: 'reporting.report.generated',
      subject: { type: 'report', id: 'rpt-1' },
      recordedAt: '2026-03-30T12:00:00.000000Z',
      leafHash: 'LEAFHASHNINE0000000000000000000000000000000=',
      inclusionProof: ['PROOFNODEC000000000000000000000000000000000='],
    },
  ],
} as const;

async function pdfText(bytes: Uint8Array, name: string, page?: number): Promise<string> {
  const file = join(scratch, `${name}.pdf`);
  await writeFile(file, bytes);
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', ['-layout', ...range, file, '-'])).stdout;
}

async function pageCount(bytes: Uint8Array, name: string): Promise<number> {
  const file = join(scratch, `${name}.pdf`);
  await writeFile(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)?.[1]);
}

describe('PDF case report', () => {
  let doc: ReportDocument;
  let bytes: Uint8Array;

  beforeAll(async () => {
    doc = { ...withTransactions(reportDocumentFixture(), 120), evidence };
    bytes = (await renderer.render(doc, 'pdf')).bytes;
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it.skipIf(!popplerInstalled)(
    'has a cover with the reference, kind, institution, subjects and the confidentiality notice',
    async () => {
      const cover = (await pdfText(bytes, 'cover', 1)).replace(/\s+/g, ' ');
      expect(cover).toContain('Suspicious Transaction Report');
      expect(cover).toContain('RPT-2026-000042');
      expect(cover).toContain('First Verity Bank N.A.');
      expect(cover).toContain('Acme Trading GmbH');
      expect(cover).toContain(CONFIDENTIALITY_NOTICE.slice(0, 60));
    },
  );

  it.skipIf(!popplerInstalled)(
    'draws the subjects with their native-script names, the narrative and the evidence appendix',
    async () => {
      const text = (await pdfText(bytes, 'all')).replace(/\s+/g, ' ');
      expect(text).toContain('Иван Петров');
      expect(text).toContain("O'Neil-Schmidt");
      expect(text).toContain('Date of birth: unknown');
      expect(text).toContain('DE89370400440532013000');
      expect(text).toContain('Flows between parties');
      expect(text).toContain('Amounts over time');
      expect(text).toContain('deposited cash just under the reporting threshold');
      expect(text).toContain('Appendix: audit evidence');
      expect(text).toContain('verity.local/demo 42');
      expect(text).toContain('#9 reporting.report.generated report:rpt-1');
      expect(text).toContain('proof[1] PROOFNODEB');
    },
  );

  it.skipIf(!popplerInstalled)('repeats the transaction table header on every page the table spans', async () => {
    const pages = await pageCount(bytes, 'count');
    expect(pages).toBeGreaterThan(4);
    const tablePages: number[] = [];
    for (let page = 1; page <= pages; page++) {
      const text = await pdfText(bytes, `p${page}`, page);
      if (/EXT-\d{6}/.test(text)) {
        tablePages.push(page);
        expect(text).toMatch(/Booked\s+Transaction\s+Dir\.\s+From\s+To\s+Amount\s+Decision/);
      }
    }
    expect(tablePages.length).toBeGreaterThan(1);
    const all = await pdfText(bytes, 'rows');
    for (const tx of doc.transactions) expect(all).toContain(tx.externalId);
  });

  it.skipIf(!popplerInstalled)('renders to images with pdftoppm (every page)', async () => {
    const file = join(scratch, 'raster.pdf');
    await writeFile(file, bytes);
    await run('pdftoppm', ['-png', '-r', '30', file, join(scratch, 'page')]);
    const pngs = (await readdir(scratch)).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs.length).toBe(await pageCount(bytes, 'count2'));
  });

  it('is byte-for-byte the same for the same document', async () => {
    const again = (await renderer.render(doc, 'pdf')).bytes;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
