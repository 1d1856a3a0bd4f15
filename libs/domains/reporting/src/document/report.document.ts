/**
 * The format-neutral content of one regulator report: what the goAML, FinCEN SAR / CTR and PDF renderers turn into
 * their formats. The reporting service builds it from a case (or, for a CTR, from the day's cash transactions) plus
 * the officer's edits; renderers never read the database. Amounts are integer minor units as decimal strings (never
 * floats); dates are ISO 8601 (`YYYY-MM-DD` for days, full timestamps with zone for instants); countries are ISO
 * 3166-1 alpha-2; currencies ISO 4217.
 */

export const REPORT_FORMATS = ['goaml', 'fincen-sar', 'fincen-ctr', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** STR and SAR are goAML report codes; FinCEN SAR and CTR are FinCEN batch forms. */
export const REPORT_KINDS = ['STR', 'SAR', 'CTR'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportAddress {
  readonly line1?: string;
  readonly line2?: string;
  readonly city?: string;
  readonly region?: string;
  readonly postalCode?: string;
  readonly country: string;
}

export type ReportIdentifierType =
  'passport' | 'national_id' | 'driver_license' | 'tax_id' | 'lei' | 'registration' | 'other';

export interface ReportIdentifier {
  readonly type: ReportIdentifierType;
  readonly number: string;
  readonly issuingCountry?: string;
}

interface ReportPartyBase {
  /** Stable id inside this document (e.g. the customer id or `cp:<n>`), used by accounts and transactions. */
  readonly ref: string;
  readonly addresses: readonly ReportAddress[];
  readonly identifiers: readonly ReportIdentifier[];
  readonly email?: string;
  readonly phone?: string;
  /** Whether this party is a subject of the report (a suspect) rather than only a counterparty. */
  readonly isSubject: boolean;
  /** The Verity customer id, when the party is a customer. */
  readonly customerId?: string;
}

export interface ReportPerson extends ReportPartyBase {
  readonly kind: 'person';
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName: string;
  /** The name in its own script when it is not Latin (e.g. `Иван Петров`). */
  readonly nativeName?: string;
  /** `YYYY-MM-DD`, or null when it is not known (formats then say so their own way). */
  readonly birthDate: string | null;
  readonly nationality?: string;
  readonly occupation?: string;
  readonly gender?: 'M' | 'F' | 'U';
}

export interface ReportEntity extends ReportPartyBase {
  readonly kind: 'entity';
  readonly name: string;
  readonly nativeName?: string;
  readonly incorporationCountry?: string;
  readonly registrationNumber?: string;
  readonly lei?: string;
  readonly businessType?: string;
}

export type ReportParty = ReportPerson | ReportEntity;

export interface ReportAccount {
  readonly ref: string;
  /** IBAN or local account number. */
  readonly number: string;
  readonly institutionName: string;
  readonly institutionBic?: string;
  readonly currency: string;
  /** `ref`s of the parties that hold it. */
  readonly holderRefs: readonly string[];
  readonly openedOn?: string;
  readonly closedOn?: string;
}

export interface ReportTransactionSide {
  readonly partyRef?: string;
  readonly accountRef?: string;
  /** As the payment named it, when the party is not in `parties`. */
  readonly name?: string;
  readonly account?: string;
  readonly bic?: string;
  readonly country?: string;
}

export interface ReportTransaction {
  /** The Verity transaction id (its audit entries are in the evidence). */
  readonly ref: string;
  /** The provider's own id. */
  readonly externalId: string;
  readonly bookedAt: string;
  readonly amountMinor: string;
  readonly currency: string;
  /** Minor-unit exponent of `currency` (2 for USD, 0 for JPY), so renderers can print major units exactly. */
  readonly currencyExponent: number;
  /**
   * The amount in the document's `localCurrency` (minor units of it), when `currency` differs: goAML's `amount_local`
   * needs it (the original amount goes into `foreign_currency`). Not needed when `currency` is the local one.
   */
  readonly amountLocalMinor?: string;
  readonly direction: 'in' | 'out';
  readonly channel: string;
  readonly cash: boolean;
  readonly from: ReportTransactionSide;
  readonly to: ReportTransactionSide;
  readonly description?: string;
  /** Verity's decision on it, for the PDF's transaction table. */
  readonly decision?: 'allow' | 'review' | 'block';
}

export interface ReportInstitution {
  readonly name: string;
  /** goAML reporting entity id (`rentity_id`). */
  readonly goamlEntityId: string;
  /** FinCEN: the filer's TIN (EIN) and its type code, and the primary federal regulator code. */
  readonly tin: string;
  readonly tinType: 'EIN' | 'SSN-ITIN' | 'foreign';
  readonly federalRegulator: string;
  readonly institutionType: string;
  readonly address: ReportAddress;
  readonly contact: { readonly name: string; readonly phone: string; readonly email: string; readonly title?: string };
  /** FinCEN BSA E-Filing Transmitter Control Code (TCC) of the transmitter: required by the FinCEN SAR and CTR formats. */
  readonly transmitterControlCode?: string;
}

/** One audit ledger record the report relies on, with what a verifier needs to prove it is in the log. */
export interface ReportEvidenceRecord {
  readonly index: number;
  readonly action: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly recordedAt: string;
  /** RFC 6962 leaf hash, base64. */
  readonly leafHash: string;
  /** Inclusion proof hashes against `checkpoint`, base64, leaf to root. */
  readonly inclusionProof: readonly string[];
}

export interface ReportEvidence {
  /** The C2SP signed-note checkpoint (origin, size, root, signatures) the proofs are against. */
  readonly checkpoint: string;
  readonly origin: string;
  readonly treeSize: number;
  readonly records: readonly ReportEvidenceRecord[];
}

export interface ReportDocument {
  readonly id: string;
  readonly kind: ReportKind;
  /** Human reference, e.g. `RPT-2026-000042`. */
  readonly reference: string;
  /** The report this one corrects or amends, with what the regulator called it when it was filed. */
  readonly amends?: { readonly reportId: string; readonly reference: string; readonly filedReference?: string };
  readonly caseReference?: string;
  readonly jurisdiction: string;
  readonly generatedAt: string;
  /** goAML `currency_code_local` and the currency amounts are summed in. */
  readonly localCurrency: string;
  readonly institution: ReportInstitution;
  readonly activity: {
    readonly from: string;
    readonly to: string;
    readonly totalAmountMinor: string;
    readonly currency: string;
    /** What kind of suspicious activity, as Verity's typology names (`structuring`, `fan_in`, …). */
    readonly typologies: readonly string[];
  };
  readonly parties: readonly ReportParty[];
  readonly accounts: readonly ReportAccount[];
  readonly transactions: readonly ReportTransaction[];
  /** The officer's narrative (plain text, paragraphs separated by blank lines). */
  readonly narrative: string;
  /** Why the report is filed and what the institution did (goAML `reason` and `action`). */
  readonly reason: string;
  readonly action: string;
  readonly evidence?: ReportEvidence;
}
