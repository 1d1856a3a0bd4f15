import type { CustomerDetail } from '@domains/customers';
import { minorUnitDigits, type TransactionDetailDto } from '@domains/monitoring';
import type {
  ReportAccount,
  ReportAddress,
  ReportIdentifier,
  ReportIdentifierType,
  ReportInstitution,
  ReportParty,
  ReportTransaction,
} from '../document/report.document.js';
import { usdCents } from '../ctr/ctr.aggregator.js';
import type { ReportInstitutionEntity } from '../institution/report-institution.entity.js';

const IDENTIFIER_TYPE: Readonly<Record<string, ReportIdentifierType>> = {
  passport: 'passport',
  national_id: 'national_id',
  company_registration: 'registration',
  lei: 'lei',
  tax_id: 'tax_id',
};

/** The institution as the document carries it; empty fields when the tenant has not set it up (validation says so). */
export function institutionOf(entity: ReportInstitutionEntity | null): ReportInstitution {
  if (!entity) {
    return {
      name: '',
      goamlEntityId: '',
      tin: '',
      tinType: 'EIN',
      federalRegulator: '',
      institutionType: '',
      address: { country: '' },
      contact: { name: '', phone: '', email: '' },
    };
  }
  return {
    name: entity.name,
    goamlEntityId: entity.goamlEntityId,
    tin: entity.tin,
    tinType: entity.tinType,
    federalRegulator: entity.federalRegulator,
    institutionType: entity.institutionType,
    ...(entity.transmitterControlCode ? { transmitterControlCode: entity.transmitterControlCode } : {}),
    address: entity.address,
    contact: entity.contact,
  };
}

/** A customer profile as a report party (a person for individuals, an entity for businesses). */
export function partyOfCustomer(detail: CustomerDetail, isSubject: boolean): ReportParty {
  const c = detail.customer;
  const addresses: ReportAddress[] = c.addresses.map((a) => ({
    line1: a.line1,
    ...(a.line2 ? { line2: a.line2 } : {}),
    ...(a.city ? { city: a.city } : {}),
    ...(a.postalCode ? { postalCode: a.postalCode } : {}),
    country: a.country,
  }));
  const identifiers: ReportIdentifier[] = c.identifiers.map((i) => ({
    type: IDENTIFIER_TYPE[i.type] ?? 'other',
    number: i.value,
    ...(i.country ? { issuingCountry: i.country } : {}),
  }));
  const common = { ref: c.id, customerId: c.id, isSubject, addresses, identifiers };
  if (c.type === 'business') {
    const registration = c.identifiers.find((i) => i.type === 'company_registration');
    const lei = c.identifiers.find((i) => i.type === 'lei');
    return {
      ...common,
      kind: 'entity',
      name: c.fullName,
      ...(c.nativeName ? { nativeName: c.nativeName } : {}),
      ...(c.country ? { incorporationCountry: c.country } : {}),
      ...(registration ? { registrationNumber: registration.value } : {}),
      ...(lei ? { lei: lei.value } : {}),
      ...(c.industry ? { businessType: c.industry } : {}),
    };
  }
  const names = c.fullName.trim().split(/\s+/);
  const lastName = names.length > 1 ? (names.pop() ?? c.fullName) : c.fullName.trim();
  return {
    ...common,
    kind: 'person',
    ...(names.length > 0 && lastName !== c.fullName.trim() ? { firstName: names.join(' ') } : {}),
    lastName,
    ...(c.nativeName ? { nativeName: c.nativeName } : {}),
    birthDate: c.dateOfBirth,
    ...(c.nationalities[0] ? { nationality: c.nationalities[0] } : {}),
    ...(c.occupation ? { occupation: c.occupation } : {}),
  };
}

/** A counterparty subject of the case, known only by its label (name, IBAN or account). */
export function partyOfCounterparty(ref: string, label: string): ReportParty {
  return { ref, kind: 'entity', name: label, addresses: [], identifiers: [], isSubject: true };
}

export function accountsOfCustomer(detail: CustomerDetail, institutionName: string): ReportAccount[] {
  return detail.accounts.map((a) => ({
    ref: `acct:${a.externalRef}`,
    number: a.externalRef,
    institutionName,
    currency: a.currency,
    holderRefs: [detail.customer.id],
    openedOn: a.openedAt.toISOString().slice(0, 10),
  }));
}

/** A monitored transaction as the report lists it: the customer's side from its account, the other from the payment. */
export function transactionOf(
  t: TransactionDetailDto,
  accountRefs: ReadonlySet<string>,
  localCurrency: string,
): ReportTransaction {
  const accountRef = `acct:${t.accountId}`;
  const ours = {
    partyRef: t.customerRecordId,
    ...(accountRefs.has(accountRef) ? { accountRef } : { account: t.accountId }),
  };
  const theirs = {
    name: t.counterparty.name,
    ...(t.counterparty.iban || t.counterparty.account
      ? { account: t.counterparty.iban ?? t.counterparty.account }
      : {}),
    ...(t.counterparty.bic ? { bic: t.counterparty.bic } : {}),
    ...(t.counterparty.country ? { country: t.counterparty.country } : {}),
  };
  return {
    ref: t.transactionId,
    externalId: t.externalId,
    bookedAt: t.bookedAt,
    amountMinor: t.amountMinor,
    currency: t.currency,
    currencyExponent: minorUnitDigits(t.currency),
    // Monitoring's base amount is in USD: the local amount is known when USD is the local currency.
    ...(t.currency !== localCurrency && localCurrency === 'USD'
      ? { amountLocalMinor: usdCents(Number(t.amountBase).toFixed(3)).toString() }
      : {}),
    direction: t.direction,
    channel: t.channel,
    cash: t.channel === 'cash',
    from: t.direction === 'in' ? theirs : ours,
    to: t.direction === 'in' ? ours : theirs,
    decision: t.decision,
  };
}

/**
 * The activity period and total: first and last booking day, and the sum in the local currency — transactions in
 * it at face value, others through monitoring's base amount (USD) when the local currency is USD, else left out.
 */
export function activityOf(
  transactions: readonly TransactionDetailDto[],
  localCurrency: string,
  typologies: readonly string[],
): { from: string; to: string; totalAmountMinor: string; currency: string; typologies: string[] } {
  if (transactions.length === 0) {
    return { from: '', to: '', totalAmountMinor: '0', currency: localCurrency, typologies: [...typologies] };
  }
  const booked = transactions.map((t) => t.bookedAt).sort();
  let total = 0n;
  for (const t of transactions) {
    if (t.currency === localCurrency) total += BigInt(t.amountMinor);
    else if (localCurrency === 'USD') total += usdCents(Number(t.amountBase).toFixed(3));
  }
  return {
    from: (booked[0] ?? '').slice(0, 10),
    to: (booked[booked.length - 1] ?? '').slice(0, 10),
    totalAmountMinor: total.toString(),
    currency: localCurrency,
    typologies: [...typologies],
  };
}
