import { z } from 'zod';
import { REPORT_FORMATS } from '../document/report.document.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });
const country = z.string().regex(/^([A-Z]{2})?$/, { error: 'must be an ISO 3166-1 alpha-2 code' });
const currency = z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code' });
const minor = z.string().regex(/^-?\d{1,20}$/, { error: 'must be integer minor units as a decimal string' });
const text = (max: number) => z.string().max(max);

const address = z.strictObject({
  line1: text(200).optional(),
  line2: text(200).optional(),
  city: text(100).optional(),
  region: text(100).optional(),
  postalCode: text(30).optional(),
  country,
});

const identifier = z.strictObject({
  type: z.enum(['passport', 'national_id', 'driver_license', 'tax_id', 'lei', 'registration', 'other']),
  number: text(100),
  issuingCountry: country.optional(),
});

const partyBase = {
  ref: text(100).min(1),
  addresses: z.array(address).max(20),
  identifiers: z.array(identifier).max(20),
  email: text(200).optional(),
  phone: text(50).optional(),
  isSubject: z.boolean(),
  customerId: text(100).optional(),
};

const party = z.discriminatedUnion('kind', [
  z.strictObject({
    ...partyBase,
    kind: z.literal('person'),
    firstName: text(100).optional(),
    middleName: text(100).optional(),
    lastName: text(150),
    nativeName: text(300).optional(),
    birthDate: day.nullable(),
    nationality: country.optional(),
    occupation: text(200).optional(),
    gender: z.enum(['M', 'F', 'U']).optional(),
  }),
  z.strictObject({
    ...partyBase,
    kind: z.literal('entity'),
    name: text(300),
    nativeName: text(300).optional(),
    incorporationCountry: country.optional(),
    registrationNumber: text(100).optional(),
    lei: text(20).optional(),
    businessType: text(200).optional(),
  }),
]);

const account = z.strictObject({
  ref: text(100).min(1),
  number: text(100),
  institutionName: text(300),
  institutionBic: text(11).optional(),
  currency,
  holderRefs: z.array(text(100)).max(50),
  openedOn: day.optional(),
  closedOn: day.optional(),
});

const side = z.strictObject({
  partyRef: text(100).optional(),
  accountRef: text(100).optional(),
  name: text(300).optional(),
  account: text(100).optional(),
  bic: text(11).optional(),
  country: country.optional(),
});

const transaction = z.strictObject({
  ref: text(100).min(1),
  externalId: text(200),
  bookedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp' }),
  amountMinor: minor,
  currency,
  currencyExponent: z.number().int().min(0).max(4),
  amountLocalMinor: minor.optional(),
  direction: z.enum(['in', 'out']),
  channel: text(50),
  cash: z.boolean(),
  from: side,
  to: side,
  description: text(1000).optional(),
  decision: z.enum(['allow', 'review', 'block']).optional(),
});

/** What an officer may change in a draft report (PATCH /v1/reports/{id}); each field replaces the stored one. */
export const reportPatchSchema = z.strictObject({
  formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(4).optional(),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' })
    .optional(),
  localCurrency: currency.optional(),
  activity: z
    .strictObject({
      from: day.or(z.literal('')),
      to: day.or(z.literal('')),
      totalAmountMinor: minor,
      currency,
      typologies: z.array(text(100)).max(50),
    })
    .optional(),
  parties: z.array(party).max(200).optional(),
  accounts: z.array(account).max(500).optional(),
  transactions: z.array(transaction).max(5_000).optional(),
  narrative: text(20_000).optional(),
  reason: text(4_000).optional(),
  action: text(4_000).optional(),
});

export type ReportPatch = z.infer<typeof reportPatchSchema>;

/** The patch, or the list of what is wrong with it (`field` is the dotted path). */
export function parseReportPatch(
  body: unknown,
): { ok: true; patch: ReportPatch } | { ok: false; errors: { field: string; message: string }[] } {
  const result = reportPatchSchema.safeParse(body);
  if (result.success) return { ok: true, patch: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message })),
  };
}
