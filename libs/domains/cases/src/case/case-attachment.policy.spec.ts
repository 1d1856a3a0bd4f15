import { describe, expect, it } from 'vitest';
import { detectAttachment, fileNameProblem } from './case-attachment.policy.js';

/** A minimal but real PDF (header, one empty page, trailer). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(64)]);

describe('attachment file names', () => {
  it('accepts a plain name, including non-ASCII letters and spaces', () => {
    expect(fileNameProblem('Kontoauszug März 2026.pdf')).toBeNull();
  });

  it.each([
    ['../etc/passwd', 'path separator'],
    ['evidence/../../x.pdf', 'path separator'],
    ['C:\\temp\\x.pdf', 'path separator'],
    ['C:x.pdf', 'drive letter'],
    ['..', '..'],
    ['a..b.pdf', '..'],
    ['line\nbreak.pdf', 'control characters'],
    ['nul\u0000.pdf', 'control characters'],
    ['   ', 'empty'],
  ])('refuses %j (%s)', (name, why) => {
    expect(fileNameProblem(name)).toContain(why);
  });

  it('refuses a name over 255 bytes even when it has fewer characters', () => {
    expect(fileNameProblem(`${'é'.repeat(128)}.pdf`)).toContain('255 bytes');
    expect(fileNameProblem(`${'a'.repeat(251)}.pdf`)).toBeNull();
  });
});

describe('attachment type from the bytes', () => {
  it('recognises a PDF and a PNG whatever they are called', async () => {
    expect(await detectAttachment(PDF, 'statement.bin')).toEqual({ kind: 'pdf', mediaType: 'application/pdf' });
    expect(await detectAttachment(PNG, 'photo.pdf')).toEqual({ kind: 'png', mediaType: 'image/png' });
  });

  it('refuses executables even when named like a document', async () => {
    expect((await detectAttachment(ELF, 'report.pdf')).kind).toBeNull();
    expect((await detectAttachment(EXE, 'report.txt')).kind).toBeNull();
  });

  it('refuses HTML and SVG, which could carry script, whatever the name', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    expect(await detectAttachment(html, 'notes.txt')).toMatchObject({ kind: null });
    expect(await detectAttachment(svg, 'chart.png')).toMatchObject({ kind: null });
    expect(await detectAttachment(Buffer.from('hello <script>x()</script>'), 'a.txt')).toMatchObject({ kind: null });
  });

  it('refuses script files by their extension even though their bytes are text', async () => {
    expect(await detectAttachment(Buffer.from('console.log(1)\n'), 'payload.js')).toMatchObject({ kind: null });
    expect(await detectAttachment(Buffer.from('plain words\n'), 'page.html')).toMatchObject({ kind: null });
  });

  it('accepts UTF-8 text and CSV, and refuses text in another encoding or with control bytes', async () => {
    expect(await detectAttachment(Buffer.from('Zahlung an Müller\n'), 'note.txt')).toMatchObject({ kind: 'txt' });
    expect(await detectAttachment(Buffer.from('date,amount\n2026-01-01,10\n'), 'tx.csv')).toEqual({
      kind: 'csv',
      mediaType: 'text/csv; charset=utf-8',
    });
    expect((await detectAttachment(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), 'latin1.txt')).kind).toBeNull();
    expect((await detectAttachment(Buffer.from('a\u0001b'), 'x.txt')).kind).toBeNull();
  });
});
