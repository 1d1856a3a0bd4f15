import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { projectRoot } from '@platform/config';
import type {
  ReportDocument,
  ReportEvidence,
  ReportParty,
  ReportTransaction,
  ReportTransactionSide,
} from '../document/report.document.js';
import { minorToMajor, partyDisplayName } from './report-value.format.js';

/**
 * The PDF case report (reports/pdf-case-report): cover, subjects, charts (amounts over time; flows between parties),
 * the transaction table (header repeated on every page), the narrative and the audit evidence appendix. Fonts are the
 * vendored DejaVu fonts in reports/fonts/ (Latin, Cyrillic, Greek; not CJK), embedded as subsets. The output is
 * deterministic for the same document: the info dates are the document's generatedAt.
 */

const FONT_DIR = (): string => join(projectRoot(), 'reports', 'fonts');
const MARGIN = 50;
const INK = '#1f2937';
const MUTED = '#6b7280';
const ACCENT = '#1d4ed8';
const TITLES: Readonly<Record<string, string>> = {
  STR: 'Suspicious Transaction Report',
  SAR: 'Suspicious Activity Report',
  CTR: 'Currency Transaction Report',
};
export const CONFIDENTIALITY_NOTICE =
  'CONFIDENTIAL. This report and the fact that it was filed must not be disclosed to the subjects or to anyone not ' +
  'entitled to it (no tipping off). Handle under the institution’s regulator-report procedures.';
export const TRANSACTION_TABLE_HEADER = ['Booked', 'Transaction', 'Dir.', 'From', 'To', 'Amount', 'Decision'];

type Doc = PDFKit.PDFDocument;

function sideName(side: ReportTransactionSide, doc: ReportDocument): string {
  const party = side.partyRef ? doc.parties.find((p) => p.ref === side.partyRef) : undefined;
  if (party) return partyDisplayName(party);
  const account = side.accountRef ? doc.accounts.find((a) => a.ref === side.accountRef) : undefined;
  const holder = account?.holderRefs.map((ref) => doc.parties.find((p) => p.ref === ref)).find((p) => p);
  if (holder) return partyDisplayName(holder);
  return side.name ?? side.account ?? account?.number ?? 'Unknown';
}

function money(minor: string, exponent: number, currency: string): string {
  const [whole, fraction] = minorToMajor(minor, exponent).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction ? `.${fraction}` : ''} ${currency}`;
}

class PdfWriter {
  constructor(readonly pdf: Doc) {}

  get bottom(): number {
    return this.pdf.page.height - MARGIN - 20;
  }
  get width(): number {
    return this.pdf.page.width - 2 * MARGIN;
  }

  ensure(space: number): void {
    if (this.pdf.y + space > this.bottom) this.pdf.addPage();
  }

  heading(title: string): void {
    this.ensure(60);
    this.pdf.moveDown(0.8).font('bold').fontSize(14).fillColor(ACCENT).text(title, MARGIN);
    this.pdf.moveDown(0.3).font('regular').fontSize(10).fillColor(INK);
  }

  field(label: string, value: string): void {
    this.ensure(16);
    this.pdf.font('bold').fontSize(9.5).fillColor(MUTED).text(`${label}: `, MARGIN, undefined, { continued: true });
    this.pdf.font('regular').fillColor(INK).text(value);
  }
}

function cover(w: PdfWriter, doc: ReportDocument): void {
  const { pdf } = w;
  pdf
    .font('bold')
    .fontSize(22)
    .fillColor(INK)
    .text(TITLES[doc.kind] ?? doc.kind, MARGIN, 110);
  pdf.moveDown(0.3).font('regular').fontSize(12).fillColor(MUTED).text(`Reference ${doc.reference}`);
  pdf.moveDown(1.5);
  w.field('Kind', doc.kind);
  w.field('Reference', doc.reference);
  if (doc.caseReference) w.field('Case', doc.caseReference);
  if (doc.amends)
    w.field('Amends', `${doc.amends.reference}${doc.amends.filedReference ? ` (${doc.amends.filedReference})` : ''}`);
  w.field('Jurisdiction', doc.jurisdiction);
  w.field('Institution', doc.institution.name);
  w.field(
    'Contact',
    `${doc.institution.contact.name}, ${doc.institution.contact.phone}, ${doc.institution.contact.email}`,
  );
  w.field('Generated', doc.generatedAt);
  w.field('Activity', `${doc.activity.from} – ${doc.activity.to}`);
  w.field('Total amount', money(doc.activity.totalAmountMinor, 2, doc.activity.currency));
  w.field('Typologies', doc.activity.typologies.join(', ') || 'none recorded');
  w.field('Transactions', String(doc.transactions.length));
  pdf.moveDown(1).font('bold').fontSize(11).fillColor(INK).text('Subjects');
  pdf.font('regular').fontSize(10);
  for (const party of doc.parties.filter((p) => p.isSubject)) {
    const native = party.nativeName && party.nativeName !== partyDisplayName(party) ? ` (${party.nativeName})` : '';
    pdf.text(`• ${partyDisplayName(party)}${native} — ${party.kind === 'person' ? 'individual' : 'business'}`);
  }
  pdf.moveDown(2).rect(MARGIN, pdf.y, w.width, 62).fillAndStroke('#fef2f2', '#b91c1c');
  pdf
    .fillColor('#7f1d1d')
    .font('bold')
    .fontSize(9.5)
    .text(CONFIDENTIALITY_NOTICE, MARGIN + 10, pdf.y + 10, {
      width: w.width - 20,
    });
  pdf.fillColor(INK);
}

function partySection(w: PdfWriter, party: ReportParty, doc: ReportDocument): void {
  const { pdf } = w;
  w.ensure(90);
  pdf.moveDown(0.6).font('bold').fontSize(11.5).fillColor(INK).text(partyDisplayName(party), MARGIN);
  pdf.font('regular').fontSize(10);
  if (party.nativeName) w.field('Name in original script', party.nativeName);
  w.field('Type', party.kind === 'person' ? 'Individual' : 'Business');
  if (party.customerId) w.field('Customer id', party.customerId);
  if (party.kind === 'person') {
    w.field('Date of birth', party.birthDate ?? 'unknown');
    if (party.nationality) w.field('Nationality', party.nationality);
    if (party.occupation) w.field('Occupation', party.occupation);
  } else {
    if (party.incorporationCountry) w.field('Incorporated in', party.incorporationCountry);
    if (party.registrationNumber) w.field('Registration', party.registrationNumber);
    if (party.lei) w.field('LEI', party.lei);
    if (party.businessType) w.field('Business', party.businessType);
  }
  for (const id of party.identifiers) {
    w.field(`Identifier (${id.type})`, `${id.number}${id.issuingCountry ? `, ${id.issuingCountry}` : ''}`);
  }
  for (const a of party.addresses) {
    w.field('Address', [a.line1, a.line2, a.postalCode, a.city, a.region, a.country].filter((x) => x).join(', '));
  }
  if (party.email) w.field('Email', party.email);
  if (party.phone) w.field('Phone', party.phone);
  const accounts = doc.accounts.filter((a) => a.holderRefs.includes(party.ref));
  for (const account of accounts)
    w.field('Account', `${account.number} at ${account.institutionName} (${account.currency})`);
}

/** Daily totals in the activity currency: the "amounts over time" bar chart. */
function amountsChart(w: PdfWriter, doc: ReportDocument): void {
  const { pdf } = w;
  const byDay = new Map<string, number>();
  for (const tx of doc.transactions) {
    const day = tx.bookedAt.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + Number(tx.amountMinor) / 10 ** tx.currencyExponent);
  }
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return;
  w.heading('Amounts over time');
  const height = 150;
  w.ensure(height + 40);
  const top = pdf.y + 5;
  const left = MARGIN + 40;
  const width = w.width - 50;
  const max = Math.max(...byDay.values(), 1);
  pdf
    .save()
    .strokeColor(MUTED)
    .lineWidth(0.5)
    .moveTo(left, top)
    .lineTo(left, top + height)
    .lineTo(left + width, top + height)
    .stroke();
  const slot = width / days.length;
  days.forEach((day, i) => {
    const value = byDay.get(day) ?? 0;
    const barHeight = (value / max) * (height - 10);
    pdf
      .rect(left + i * slot + slot * 0.15, top + height - barHeight, Math.max(slot * 0.7, 0.5), barHeight)
      .fill(ACCENT);
  });
  pdf.restore();
  pdf.font('regular').fontSize(7).fillColor(MUTED);
  pdf.text(max.toFixed(0), MARGIN, top - 3, { width: 36, align: 'right' });
  pdf.text('0', MARGIN, top + height - 6, { width: 36, align: 'right' });
  pdf.text(days[0], left, top + height + 4, { lineBreak: false });
  if (days.length > 1)
    pdf.text(days[days.length - 1], left + width - 60, top + height + 4, { width: 60, align: 'right' });
  pdf.fillColor(INK).fontSize(10);
  pdf.x = MARGIN;
  pdf.y = top + height + 22;
}

/** Parties as nodes on a circle, one arrow per direction between two parties, thickness by amount. */
function flowChart(w: PdfWriter, doc: ReportDocument): void {
  const { pdf } = w;
  const flows = new Map<string, { from: string; to: string; total: number; count: number }>();
  for (const tx of doc.transactions) {
    const from = sideName(tx.from, doc);
    const to = sideName(tx.to, doc);
    const key = `${from}\u0000${to}`;
    const flow = flows.get(key) ?? { from, to, total: 0, count: 0 };
    flow.total += Number(tx.amountMinor) / 10 ** tx.currencyExponent;
    flow.count += 1;
    flows.set(key, flow);
  }
  const names = [...new Set([...flows.values()].flatMap((f) => [f.from, f.to]))].slice(0, 12);
  if (names.length === 0) return;
  w.heading('Flows between parties');
  const size = 240;
  w.ensure(size + 30);
  const cx = MARGIN + w.width / 2;
  const cy = pdf.y + size / 2 + 5;
  const radius = size / 2 - 30;
  const at = new Map(
    names.map((name, i) => {
      const angle = (2 * Math.PI * i) / names.length - Math.PI / 2;
      return [name, { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) }];
    }),
  );
  const max = Math.max(...[...flows.values()].map((f) => f.total), 1);
  pdf.save();
  for (const flow of flows.values()) {
    const a = at.get(flow.from);
    const b = at.get(flow.to);
    if (!a || !b || a === b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy);
    const ux = dx / length;
    const uy = dy / length;
    // Offset each direction sideways so a→b and b→a do not overlap.
    const ox = -uy * 4;
    const oy = ux * 4;
    const start = { x: a.x + ux * 12 + ox, y: a.y + uy * 12 + oy };
    const end = { x: b.x - ux * 14 + ox, y: b.y - uy * 14 + oy };
    pdf
      .lineWidth(0.6 + (flow.total / max) * 3)
      .strokeColor('#64748b')
      .moveTo(start.x, start.y)
      .lineTo(end.x, end.y)
      .stroke();
    pdf
      .moveTo(end.x, end.y)
      .lineTo(end.x - ux * 7 - uy * 3.5, end.y - uy * 7 + ux * 3.5)
      .lineTo(end.x - ux * 7 + uy * 3.5, end.y - uy * 7 - ux * 3.5)
      .closePath()
      .fill('#64748b');
  }
  for (const [name, p] of at) {
    const subject = doc.parties.some((party) => party.isSubject && partyDisplayName(party) === name);
    pdf.circle(p.x, p.y, 10).fillAndStroke(subject ? '#fecaca' : '#dbeafe', subject ? '#b91c1c' : ACCENT);
    pdf
      .fillColor(INK)
      .font('regular')
      .fontSize(7.5)
      .text(name, p.x - 60, p.y + 12, { width: 120, align: 'center' });
  }
  pdf.restore();
  pdf.x = MARGIN;
  pdf.y = cy + size / 2 + 5;
  pdf
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text('Red: subjects of the report. Arrow width: total amount moved.', MARGIN);
  pdf.fillColor(INK).fontSize(10);
}

const COLUMNS = [62, 92, 26, 95, 95, 85, 40];

function tableRow(w: PdfWriter, cells: readonly string[], bold: boolean): void {
  const { pdf } = w;
  const y = pdf.y;
  pdf
    .font(bold ? 'bold' : 'regular')
    .fontSize(7.5)
    .fillColor(INK);
  const heights = cells.map((cell, i) => pdf.heightOfString(cell, { width: COLUMNS[i] - 4 }));
  const height = Math.max(...heights) + 4;
  let x = MARGIN;
  cells.forEach((cell, i) => {
    pdf.text(cell, x + 2, y + 2, { width: COLUMNS[i] - 4, align: i === 5 ? 'right' : 'left' });
    x += COLUMNS[i];
  });
  if (bold)
    pdf
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + w.width, y + height)
      .lineWidth(0.5)
      .strokeColor(MUTED)
      .stroke();
  pdf.x = MARGIN;
  pdf.y = y + height;
}

function transactionTable(w: PdfWriter, doc: ReportDocument): void {
  const { pdf } = w;
  w.heading(`Transactions (${doc.transactions.length})`);
  tableRow(w, TRANSACTION_TABLE_HEADER, true);
  const sorted: ReportTransaction[] = [...doc.transactions].sort(
    (a, b) => a.bookedAt.localeCompare(b.bookedAt) || a.ref.localeCompare(b.ref),
  );
  for (const tx of sorted) {
    const cells = [
      tx.bookedAt.slice(0, 16).replace('T', ' '),
      tx.externalId,
      tx.direction,
      sideName(tx.from, doc),
      sideName(tx.to, doc),
      money(tx.amountMinor, tx.currencyExponent, tx.currency) + (tx.cash ? ' cash' : ''),
      tx.decision ?? '',
    ];
    pdf.font('regular').fontSize(7.5);
    const height = Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: COLUMNS[i] - 4 }))) + 4;
    if (pdf.y + height > w.bottom) {
      pdf.addPage();
      tableRow(w, TRANSACTION_TABLE_HEADER, true);
    }
    tableRow(w, cells, false);
  }
  pdf.fontSize(10);
}

function narrative(w: PdfWriter, doc: ReportDocument): void {
  w.heading('Narrative');
  for (const paragraph of doc.narrative.split(/\n\s*\n/)) {
    w.ensure(30);
    w.pdf
      .font('regular')
      .fontSize(10)
      .fillColor(INK)
      .text(paragraph.trim(), MARGIN, undefined, { width: w.width, align: 'left' });
    w.pdf.moveDown(0.5);
  }
  w.heading('Reason and action');
  w.field('Reason', doc.reason);
  w.field('Action', doc.action);
}

function evidenceAppendix(w: PdfWriter, evidence: ReportEvidence | undefined): void {
  const { pdf } = w;
  pdf.addPage();
  w.heading('Appendix: audit evidence');
  if (!evidence || evidence.records.length === 0) {
    pdf.text('No audit evidence was attached to this report.');
    return;
  }
  pdf.text(
    `The records below are in the audit log ${evidence.origin}. Each inclusion proof (RFC 6962, leaf to root) leads ` +
      `from the record's leaf hash to the root of the signed checkpoint of tree size ${evidence.treeSize}.`,
    { width: w.width },
  );
  pdf.moveDown(0.5).font('bold').text('Checkpoint');
  pdf.font('mono').fontSize(7.5).text(evidence.checkpoint, { width: w.width });
  pdf.moveDown(0.5);
  for (const record of evidence.records) {
    const lines = [
      `#${record.index}  ${record.action}  ${record.subject.type}:${record.subject.id}  ${record.recordedAt}`,
      `leaf ${record.leafHash}`,
      ...record.inclusionProof.map((hash, i) => `proof[${i}] ${hash}`),
    ];
    w.ensure(lines.length * 10 + 8);
    pdf.font('mono').fontSize(7.5).fillColor(INK).text(lines.join('\n'), MARGIN, undefined, { width: w.width });
    pdf.moveDown(0.4);
  }
  pdf.fontSize(10).font('regular');
}

/** Renders the PDF; resolves to its bytes. */
export function renderPdfCaseReport(doc: ReportDocument): Promise<Uint8Array> {
  const created = new Date(doc.generatedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `${TITLES[doc.kind] ?? doc.kind} ${doc.reference}`,
      Author: doc.institution.name,
      Subject: `${doc.kind} ${doc.reference}`,
      Creator: 'Verity',
      Producer: 'Verity',
      CreationDate: created,
      ModDate: created,
    },
  });
  const dir = FONT_DIR();
  pdf.registerFont('regular', join(dir, 'DejaVuSans.ttf'));
  pdf.registerFont('bold', join(dir, 'DejaVuSans-Bold.ttf'));
  pdf.registerFont('mono', join(dir, 'DejaVuSansMono.ttf'));
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const w = new PdfWriter(pdf);
  cover(w, doc);
  pdf.addPage();
  w.heading('Subjects');
  for (const party of doc.parties.filter((p) => p.isSubject)) partySection(w, party, doc);
  const others = doc.parties.filter((p) => !p.isSubject);
  if (others.length > 0) {
    w.heading('Other parties');
    for (const party of others) partySection(w, party, doc);
  }
  amountsChart(w, doc);
  flowChart(w, doc);
  pdf.addPage();
  transactionTable(w, doc);
  narrative(w, doc);
  evidenceAppendix(w, doc.evidence);
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Text below the bottom margin would otherwise make pdfkit start a new page.
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        `${doc.reference} · Confidential · page ${i + 1} of ${range.count}`,
        MARGIN,
        pdf.page.height - MARGIN + 10,
        {
          width: pdf.page.width - 2 * MARGIN,
          align: 'center',
          lineBreak: false,
        },
      );
  }
  pdf.end();
  return done;
}
