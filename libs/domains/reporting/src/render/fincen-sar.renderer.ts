import type { ReportDocument, ReportParty } from '../document/report.document.js';
import { FINCEN_NAMESPACE, FincenXml, filerParties, validateFincenCommon } from './fincen-batch.parts.js';
import type { ReportFieldProblem } from './report.renderer.js';
import { compactDate, fincenText, involves, minorToWholeUp } from './report-value.format.js';
import { serializeXml, type XmlElement } from './xml.writer.js';

/**
 * FinCEN SAR batch XML (EFL_SARXBatchSchema.xsd v1.2, reports/fincen-sar): one `EFilingBatchXML` with one `Activity`
 * — transmitter (35), transmitter contact (37), filing institution (30), contact office (8), the financial institution
 * where the activity occurred (34), one subject party (33) per subject — the suspicious activity (amount, dates,
 * classification) and the narrative in chunks of at most 4,000 characters (at most five).
 */

/** Verity typologies → FinCEN suspicious activity type / subtype (SuspiciousActivityTypeID / SubtypeID). */
export const FINCEN_SAR_CLASSIFICATIONS: Readonly<Record<string, { type: string; subtype: string }>> = {
  structuring: { type: '1', subtype: '114' },
  fan_in: { type: '8', subtype: '824' },
  fan_out: { type: '8', subtype: '807' },
  cycle: { type: '9', subtype: '925' },
  rapid_movement: { type: '8', subtype: '805' },
  mule: { type: '8', subtype: '809' },
};
const OTHER_MONEY_LAUNDERING = { type: '8', subtype: '8999' };

export const NARRATIVE_CHUNK = 4000;
export const NARRATIVE_CHUNKS = 5;
const SAR_ORGANIZATION_CODES = ['1', '2', '3', '4', '5', '11', '12', '999'];
const SAR_REGULATORS = ['9', '1', '2', '7', '3', '4', '6', '13', '99'];

/** The narrative split at paragraph or word boundaries into chunks of at most 4,000 characters. */
export function narrativeChunks(narrative: string): string[] {
  const chunks: string[] = [];
  let rest = narrative.trim();
  while (rest.length > 0) {
    if (rest.length <= NARRATIVE_CHUNK) {
      chunks.push(rest);
      break;
    }
    const window = rest.slice(0, NARRATIVE_CHUNK);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf(' '));
    const at = cut > NARRATIVE_CHUNK / 2 ? cut : NARRATIVE_CHUNK;
    chunks.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  return chunks;
}

export function validateFincenSar(doc: ReportDocument): ReportFieldProblem[] {
  const problems = validateFincenCommon(doc, SAR_ORGANIZATION_CODES);
  const add = (path: string, message: string) => problems.push({ path, message });
  if (doc.kind !== 'SAR' && doc.kind !== 'STR') add('kind', `a FinCEN SAR is filed for a SAR, not a ${doc.kind}`);
  if (!SAR_REGULATORS.includes(doc.institution.federalRegulator)) {
    add('institution.federalRegulator', `must be one of ${SAR_REGULATORS.join(', ')}`);
  }
  if (!doc.parties.some((p) => p.isSubject)) add('parties', 'a SAR needs at least one subject');
  if (doc.narrative.trim().length === 0) add('narrative', 'a SAR needs a narrative');
  const chunks = narrativeChunks(doc.narrative);
  if (chunks.length > NARRATIVE_CHUNKS) {
    add('narrative', `at most ${NARRATIVE_CHUNKS} × ${NARRATIVE_CHUNK} characters (FinCEN's narrative limit)`);
  }
  if (doc.activity.currency !== 'USD') add('activity.currency', 'FinCEN amounts are in US dollars');
  if (doc.amends?.filedReference !== undefined && !/^\d{1,14}$/.test(doc.amends.filedReference)) {
    add('amends.filedReference', "must be the prior report's 14-digit BSA identifier");
  }
  return problems.filter((p, i, all) => all.findIndex((q) => q.path === p.path && q.message === p.message) === i);
}

function subjectParty(x: FincenXml, party: ReportParty, doc: ReportDocument): XmlElement {
  const isPerson = party.kind === 'person';
  const holders = new Map(doc.accounts.map((a) => [a.ref, a.holderRefs]));
  const involved = doc.transactions.some((tx) => involves(tx, party, (ref) => holders.get(ref) ?? []));
  const address = party.addresses[0];
  return x.seqEl(
    'Party',
    x.text('ActivityPartyTypeCode', '33'),
    x.flag('BirthDateUnknownIndicator', isPerson && party.birthDate === null),
    x.flag('FemaleGenderIndicator', isPerson && party.gender === 'F'),
    isPerson && party.birthDate !== null ? x.text('IndividualBirthDateText', compactDate(party.birthDate)) : undefined,
    x.flag('MaleGenderIndicator', isPerson && party.gender === 'M'),
    x.flag('NoKnownAccountInvolvedIndicator', !involved),
    x.flag('PartyAsEntityOrganizationIndicator', !isPerson),
    x.flag('UnknownGenderIndicator', isPerson && (party.gender === undefined || party.gender === 'U')),
    x.partyName(party),
    address ? x.address(address) : undefined,
    x.phone(party.phone, 'R'),
    x.partyIdentifications(party),
    isPerson && party.occupation
      ? x.seqEl('PartyOccupationBusiness', x.text('OccupationBusinessText', fincenText(party.occupation, 50)))
      : undefined,
    !isPerson && party.businessType
      ? x.seqEl('PartyOccupationBusiness', x.text('OccupationBusinessText', fincenText(party.businessType, 50)))
      : undefined,
    party.email
      ? x.seqEl(
          'ElectronicAddress',
          x.text('ElectronicAddressText', fincenText(party.email, 517)),
          x.text('ElectronicAddressTypeCode', 'E'),
        )
      : undefined,
  );
}

export function sarClassifications(typologies: readonly string[]) {
  const out: { type: string; subtype: string; other?: string }[] = [];
  for (const typology of typologies.length > 0 ? typologies : ['other']) {
    const mapped = FINCEN_SAR_CLASSIFICATIONS[typology];
    const entry = mapped ?? { ...OTHER_MONEY_LAUNDERING, other: typology };
    // SuspiciousActivitySubtypeID is unique within an activity; several "other" typologies share one entry.
    const existing = out.find((o) => o.subtype === entry.subtype);
    if (existing) {
      if (!mapped && existing.other !== undefined) existing.other = `${existing.other}, ${typology}`;
      continue;
    }
    out.push({ ...entry });
  }
  return out;
}

/** The FinCEN SAR batch XML of `doc` (validate first: this assumes validateFincenSar() returned nothing). */
export function renderFincenSar(doc: ReportDocument): string {
  const x = new FincenXml();
  const total = minorToWholeUp(BigInt(doc.activity.totalAmountMinor), 2);
  const inst = doc.institution;
  const subjects = doc.parties.filter((p) => p.isSubject);
  const activity = x.seqEl(
    'Activity',
    doc.amends?.filedReference ? x.text('EFilingPriorDocumentNumber', doc.amends.filedReference) : undefined,
    x.text('FilingDateText', compactDate(doc.generatedAt)),
    x.text('FilingInstitutionNotetoFinCEN', fincenText(doc.reference, 50)),
    x.seqEl(
      'ActivityAssociation',
      x.flag('CorrectsAmendsPriorReportIndicator', doc.amends !== undefined),
      x.flag('InitialReportIndicator', doc.amends === undefined),
    ),
    filerParties(x, doc),
    x.seqEl(
      'Party',
      x.text('ActivityPartyTypeCode', '34'),
      x.text('PrimaryRegulatorTypeCode', inst.federalRegulator),
      x.orgName(inst.name),
      x.address(inst.address),
      x.identification('2', inst.tin.replace(/-/g, '')),
      x.organization(inst),
    ),
    subjects.map((party) => subjectParty(x, party, doc)),
    x.seqEl(
      'SuspiciousActivity',
      x.flag('NoAmountInvolvedIndicator', total === 0n),
      x.text('SuspiciousActivityFromDateText', compactDate(doc.activity.from)),
      x.text('SuspiciousActivityToDateText', compactDate(doc.activity.to)),
      total > 0n ? x.text('TotalSuspiciousAmountText', total.toString()) : undefined,
      sarClassifications(doc.activity.typologies).map((c) =>
        x.seqEl(
          'SuspiciousActivityClassification',
          x.text('OtherSuspiciousActivityTypeText', c.other ? fincenText(c.other, 50) : undefined),
          x.text('SuspiciousActivitySubtypeID', c.subtype),
          x.text('SuspiciousActivityTypeID', c.type),
        ),
      ),
    ),
    narrativeChunks(doc.narrative)
      .slice(0, NARRATIVE_CHUNKS)
      .map((chunk, i) =>
        x.seqEl(
          'ActivityNarrativeInformation',
          x.text('ActivityNarrativeSequenceNumber', i + 1),
          x.text('ActivityNarrativeText', chunk),
        ),
      ),
  );
  const partyCount = activity.children.filter((c) => c.name === 'fc2:Party').length;
  const root = x.el(
    'EFilingBatchXML',
    {
      'xmlns:fc2': FINCEN_NAMESPACE,
      TotalAmount: total.toString(),
      PartyCount: String(partyCount),
      ActivityCount: '1',
      ActivityAttachmentCount: '0',
      AttachmentCount: '0',
    },
    x.text('FormTypeCode', 'SARX'),
    activity,
  );
  return serializeXml(root);
}
