import anyAscii from 'any-ascii';
import type { ReportParty, ReportTransaction } from '../document/report.document.js';

/** Integer minor units (decimal string) as a major-unit decimal string with `exponent` fraction digits: exact. */
export function minorToMajor(minor: string, exponent: number): string {
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/^0+(?=\d)/, '');
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Whole major units rounded up (FinCEN asks for whole dollars, rounded up to the next dollar). */
export function minorToWholeUp(minor: bigint, exponent: number): bigint {
  const unit = 10n ** BigInt(exponent);
  return minor <= 0n ? minor / unit : (minor + unit - 1n) / unit;
}

export const LATIN_NAME = /^[a-zA-Z0-9 .'-]*$/;

/**
 * A name for the schema fields restricted to `[a-zA-Z0-9 .'-]` (goAML names, account names): transliterated with
 * any-ascii (`Иван` → `Ivan`, `Müller` → `Muller`), then any other character becomes a space, spaces collapsed.
 */
export function latinName(value: string): string {
  return anyAscii(value)
    .replace(/[^a-zA-Z0-9 .'-]/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** Text for FinCEN's `RestrictStringN`: no leading/trailing blanks, no tabs or line breaks, at most `max` chars. */
export function fincenText(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = anyAscii(value).replace(/\s+/g, ' ').trim().slice(0, max).trim();
  return cleaned.length > 0 ? cleaned : undefined;
}

/** `YYYY-MM-DD…` → `YYYYMMDD`. */
export function compactDate(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '');
}

/** An instant as goAML's `sql_date` (xs:dateTime without zone), in UTC. */
export function goamlDateTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

export function partyDisplayName(party: ReportParty): string {
  if (party.kind === 'entity') return party.name;
  return [party.firstName, party.middleName, party.lastName].filter((p) => p !== undefined && p !== '').join(' ');
}

/** Whether `party` is on either side of `tx`, directly or as a holder of the account used. */
export function involves(
  tx: ReportTransaction,
  party: ReportParty,
  holdersOf: (accountRef: string) => readonly string[],
) {
  return [tx.from, tx.to].some(
    (side) =>
      side.partyRef === party.ref || (side.accountRef !== undefined && holdersOf(side.accountRef).includes(party.ref)),
  );
}

/** Digits only, for phone number fields. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
