import type { KycRiskRating } from '../feature/feature.deriver.js';
import { SeededRandom } from './seeded.random.js';

/**
 * Deterministic synthetic transaction histories with planted, labelled money-laundering typologies among normal
 * behaviour. README.md in this folder documents each typology. Used to train and evaluate the default model and
 * by tests that need realistic histories; the same seed and options always give the same transactions.
 */

export const TYPOLOGIES = ['structuring', 'fan_in', 'fan_out', 'cycle', 'rapid_movement', 'mule'] as const;
export type PlantedTypology = (typeof TYPOLOGIES)[number];
export type Typology = 'normal' | PlantedTypology;

export type SyntheticChannel = 'card' | 'sepa' | 'wire' | 'cash' | 'crypto' | 'internal';
export type SyntheticCurrency = 'EUR' | 'USD' | 'GBP';

/** Conversion to the base currency (EUR), fixed so that histories are reproducible. */
export const SYNTHETIC_RATES: Readonly<Record<SyntheticCurrency, number>> = { EUR: 1, USD: 0.92, GBP: 1.17 };

export interface SyntheticCounterparty {
  name: string;
  /** A valid German IBAN for SEPA counterparties; null for card merchants, ATMs and non-SEPA wires. */
  iban: string | null;
  country: string;
}

export interface SyntheticCustomer {
  customerId: string;
  accountId: string;
  accountOpenedAt: Date;
  kycRiskRating: KycRiskRating;
  isPep: boolean;
  /** 'person' and 'business' behave normally; 'mule' accounts exist only for the mule typology. */
  segment: 'person' | 'business' | 'mule';
}

export interface SyntheticTransaction {
  /** Stable id: `${idPrefix}-${index in time order, 6 digits}`. */
  id: string;
  customerId: string;
  accountId: string;
  direction: 'in' | 'out';
  channel: SyntheticChannel;
  currency: SyntheticCurrency;
  /** Integer minor units (all synthetic currencies have two decimals). */
  amountMinor: number;
  /** amountMinor / 100. */
  amountMajor: number;
  /** Base currency (EUR) major units, rounded to cents. */
  amountBase: number;
  bookedAt: Date;
  counterparty: SyntheticCounterparty;
  /** `iban:<IBAN>` when the counterparty has one, else `name:<lower-case name>`. */
  counterpartyKey: string;
  accountOpenedAt: Date;
  kycRiskRating: KycRiskRating;
  isPep: boolean;
  counterpartyScreeningScore: number;
  /** The planted pattern this transaction belongs to, or 'normal'. */
  typology: Typology;
}

export interface SyntheticOptions {
  seed: number;
  customers: number;
  days: number;
  /** Planted typology episodes per customer (0.1 → one episode per ten customers, at least one of each kind). */
  typologyRate: number;
  /** First day of the history (UTC midnight); default 2026-01-01. */
  start?: Date;
  /** Prefix of transaction ids; default `syn<seed>`. */
  idPrefix?: string;
}

export interface SyntheticDataset {
  customers: SyntheticCustomer[];
  transactions: SyntheticTransaction[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Draft = Omit<
  SyntheticTransaction,
  'id' | 'amountMajor' | 'amountBase' | 'counterpartyKey' | 'accountOpenedAt' | 'kycRiskRating' | 'isPep'
>;

/** A German IBAN with a correct ISO 13616 check (mod 97), from a bank code and an account number. */
export function germanIban(bankCode: number, account: number): string {
  const bban = String(bankCode).padStart(8, '0') + String(account).padStart(10, '0');
  // 'DE00' moved to the end, letters as numbers (D = 13, E = 14).
  const numeric = `${bban}131400`;
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `DE${String(98 - remainder).padStart(2, '0')}${bban}`;
}

const SYLLABLES = ['ka', 'lo', 'mer', 'vin', 'tra', 'del', 'son', 'ber', 'ri', 'nov', 'sta', 'gal', 'pe', 'dor'];
const COMPANY_SUFFIX = ['GmbH', 'AG', 'Ltd', 'SARL', 'BV', 'LLC', 'Trading', 'Holding'];
const DOMESTIC = 'DE';
const CARD_COUNTRIES = [
  ['DE', 80],
  ['FR', 5],
  ['NL', 4],
  ['ES', 3],
  ['US', 4],
  ['GB', 4],
] as const;
const WIRE_COUNTRIES = [
  ['DE', 25],
  ['FR', 10],
  ['US', 15],
  ['GB', 10],
  ['CH', 8],
  ['TR', 6],
  ['AE', 6],
  ['VN', 4],
  ['KE', 3],
  ['BG', 3],
  ['MC', 2],
  ['NG', 3],
  ['CN', 4],
  ['IR', 0.4],
] as const;
const OFFSHORE_COUNTRIES = [
  ['AE', 20],
  ['HK', 15],
  ['CY', 10],
  ['VG', 10],
  ['TR', 10],
  ['LB', 8],
  ['MC', 5],
  ['IR', 4],
  ['MM', 3],
  ['SY', 3],
  ['CH', 12],
] as const;

class CounterpartyFactory {
  private serial = 0;
  constructor(private readonly rng: SeededRandom) {}

  name(kind: 'person' | 'company'): string {
    const word = (): string => {
      const n = this.rng.int(2, 3);
      const w = Array.from({ length: n }, () => this.rng.pick(SYLLABLES)).join('');
      return w[0].toUpperCase() + w.slice(1);
    };
    this.serial++;
    return kind === 'person'
      ? `${word()} ${word()} ${this.serial}`
      : `${word()} ${this.rng.pick(COMPANY_SUFFIX)} ${this.serial}`;
  }

  sepa(kind: 'person' | 'company'): SyntheticCounterparty {
    return {
      name: this.name(kind),
      iban: germanIban(this.rng.int(10_000_000, 89_999_999), this.rng.int(1, 9_999_999_999)),
      country: DOMESTIC,
    };
  }

  foreign(country: string, kind: 'person' | 'company' = 'company'): SyntheticCounterparty {
    return country === DOMESTIC ? this.sepa(kind) : { name: this.name(kind), iban: null, country };
  }

  merchant(): SyntheticCounterparty {
    return { name: this.name('company'), iban: null, country: this.rng.weighted(CARD_COUNTRIES) };
  }
}

interface CustomerState extends SyntheticCustomer {
  salary: number;
  payday: number;
  employer: SyntheticCounterparty;
  landlord: SyntheticCounterparty;
  utilities: SyntheticCounterparty[];
  friends: SyntheticCounterparty[];
  regularWire: SyntheticCounterparty;
  /** Businesses: recurring payers, suppliers and employees. */
  payers: SyntheticCounterparty[];
  suppliers: SyntheticCounterparty[];
  employees: SyntheticCounterparty[];
}

/** Generates customers and their transactions, sorted by bookedAt (ties by generation order). */
export function generateSyntheticDataset(options: SyntheticOptions): SyntheticDataset {
  const { seed, days } = options;
  if (!(options.customers >= 1) || !(days >= 7)) throw new RangeError('need at least 1 customer and 7 days');
  const start = (options.start ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const end = start + days * DAY;
  const root = new SeededRandom(seed);
  const setupRng = root.fork();
  const normalRng = root.fork();
  const plantRng = root.fork();
  const cps = new CounterpartyFactory(root.fork());
  const merchants = Array.from({ length: 150 }, () => cps.merchant());
  const atms = Array.from({ length: 12 }, (_, i) => ({ name: `ATM ${i + 1}`, iban: null, country: DOMESTIC }));

  const customers: CustomerState[] = [];
  const pad = (n: number): string => String(n).padStart(5, '0');
  for (let i = 0; i < options.customers; i++) {
    const rng = setupRng;
    const segment = rng.chance(0.1) ? 'business' : 'person';
    customers.push({
      customerId: `c-${pad(i + 1)}`,
      accountId: `a-${pad(i + 1)}`,
      // A few customers are new (opened just before the period), as mules are: youth alone proves nothing.
      accountOpenedAt: new Date(start - (rng.chance(0.06) ? rng.int(0, 14) : rng.int(20, 2500)) * DAY),
      kycRiskRating: rng.weighted([
        ['unrated', 10],
        ['low', 60],
        ['medium', 25],
        ['high', 5],
      ] as const),
      isPep: rng.chance(0.01),
      segment,
      salary: Math.round(rng.logNormal(segment === 'business' ? 0 : 2800, 0.35)),
      payday: rng.int(1, 28),
      employer: cps.sepa('company'),
      landlord: cps.sepa('person'),
      utilities: Array.from({ length: rng.int(2, 4) }, () => cps.sepa('company')),
      friends: Array.from({ length: rng.int(2, 6) }, () => cps.sepa('person')),
      regularWire: cps.foreign(rng.weighted(WIRE_COUNTRIES), 'person'),
      payers: segment === 'business' ? Array.from({ length: rng.int(60, 300) }, () => cps.sepa('person')) : [],
      suppliers: segment === 'business' ? Array.from({ length: rng.int(2, 5) }, () => cps.sepa('company')) : [],
      employees: segment === 'business' ? Array.from({ length: rng.int(3, 12) }, () => cps.sepa('person')) : [],
    });
  }

  const drafts: Draft[] = [];
  const add = (
    c: SyntheticCustomer,
    at: number,
    direction: 'in' | 'out',
    channel: SyntheticChannel,
    amount: number,
    counterparty: SyntheticCounterparty,
    typology: Typology,
    currency: SyntheticCurrency = 'EUR',
    counterpartyScreeningScore = 0,
  ): void => {
    if (at < start || at >= end) return;
    const amountMinor = Math.max(1, Math.round(amount * 100));
    drafts.push({
      customerId: c.customerId,
      accountId: c.accountId,
      direction,
      channel,
      currency,
      amountMinor,
      bookedAt: new Date(at),
      counterparty,
      counterpartyScreeningScore,
      typology,
    });
  };
  const noiseScreening = (rng: SeededRandom): number =>
    rng.chance(0.03) ? Math.round(rng.uniform(0.3, 0.8) * 100) / 100 : 0;
  const round100 = (x: number): number => Math.max(100, Math.round(x / 100) * 100);

  // Normal behaviour, day by day.
  for (const c of customers) {
    const rng = normalRng;
    for (let d = 0; d < days; d++) {
      const day = start + d * DAY;
      const dayOfMonth = new Date(day).getUTCDate();
      const at = (fromHour: number, toHour: number): number => day + Math.floor(rng.uniform(fromHour, toHour) * HOUR);
      if (c.segment === 'person') {
        if (dayOfMonth === c.payday)
          add(c, at(6, 9), 'in', 'sepa', c.salary * rng.uniform(0.97, 1.03), c.employer, 'normal');
        if (dayOfMonth === ((c.payday + 2) % 28) + 1)
          add(c, at(8, 12), 'out', 'sepa', Math.round(c.salary * 0.32), c.landlord, 'normal');
        for (const [k, u] of c.utilities.entries()) {
          if (dayOfMonth === ((c.payday + 5 + 3 * k) % 28) + 1)
            add(c, at(8, 12), 'out', 'sepa', rng.uniform(25, 160), u, 'normal');
        }
        for (let n = rng.poisson(1.3); n > 0; n--) {
          const m = rng.pick(merchants);
          add(
            c,
            at(8, 22),
            'out',
            'card',
            rng.logNormal(32, 0.85),
            m,
            'normal',
            m.country === 'US' ? 'USD' : m.country === 'GB' ? 'GBP' : 'EUR',
          );
        }
        if (rng.chance(0.08))
          add(
            c,
            at(9, 22),
            rng.chance(0.5) ? 'in' : 'out',
            'sepa',
            rng.logNormal(80, 0.8),
            rng.pick(c.friends),
            'normal',
          );
        if (rng.chance(0.1))
          add(c, at(7, 23), 'out', 'cash', round100(rng.logNormal(150, 0.6)), rng.pick(atms), 'normal');
        if (rng.chance(0.02)) {
          const cp = rng.chance(0.6) ? c.regularWire : cps.foreign(rng.weighted(WIRE_COUNTRIES), 'person');
          const amount = rng.chance(0.5) ? round100(rng.logNormal(2000, 0.7)) : rng.logNormal(1800, 0.7);
          add(
            c,
            at(9, 17),
            'out',
            'wire',
            amount,
            cp,
            'normal',
            cp.country === 'US' ? 'USD' : 'EUR',
            noiseScreening(rng),
          );
        }
        // Rare legitimate events that look like typologies: a cash deposit or a payment just under the threshold
        // (selling or buying a car), a large inflow moved on within days (house purchase), gifts from many people
        // in a day (a wedding), a big round transfer to a new payee abroad (family support).
        if (rng.chance(0.002)) add(c, at(9, 17), 'in', 'cash', rng.uniform(9000, 9990), rng.pick(atms), 'normal');
        if (rng.chance(0.001)) add(c, at(9, 17), 'out', 'sepa', rng.uniform(9000, 9990), cps.sepa('company'), 'normal');
        if (rng.chance(0.002)) {
          const t = at(8, 12);
          for (let n = rng.int(5, 12); n > 0; n--) {
            add(c, t + rng.uniform(0, 20) * HOUR, 'in', 'sepa', rng.logNormal(120, 0.6), cps.sepa('person'), 'normal');
          }
        }
        if (rng.chance(0.002)) {
          const cp = cps.foreign(rng.weighted(WIRE_COUNTRIES), 'person');
          add(
            c,
            at(9, 17),
            'out',
            'wire',
            Math.max(1000, Math.round(rng.logNormal(8000, 0.5) / 1000) * 1000),
            cp,
            'normal',
          );
        }
        if (rng.chance(0.0015)) {
          const amount = rng.logNormal(40_000, 0.5);
          const t = at(8, 12);
          add(c, t, 'in', 'wire', amount, cps.sepa('person'), 'normal');
          add(
            c,
            t + rng.uniform(2, 72) * HOUR,
            'out',
            'sepa',
            amount * rng.uniform(0.7, 1),
            cps.sepa('company'),
            'normal',
          );
        }
      } else {
        for (let n = rng.poisson(d % 7 >= 5 ? 2 : 6); n > 0; n--) {
          add(
            c,
            at(8, 20),
            'in',
            rng.chance(0.7) ? 'card' : 'sepa',
            rng.logNormal(85, 0.8),
            rng.pick(c.payers),
            'normal',
          );
        }
        if (d % 7 === 1) {
          for (const s of c.suppliers)
            if (rng.chance(0.6)) add(c, at(9, 16), 'out', 'sepa', rng.logNormal(1500, 0.6), s, 'normal');
        }
        if (dayOfMonth === 28) {
          for (const e of c.employees) add(c, at(8, 10), 'out', 'sepa', rng.logNormal(2300, 0.25), e, 'normal');
        }
        if (rng.chance(0.05)) add(c, at(9, 17), 'in', 'cash', rng.logNormal(3000, 0.6), rng.pick(atms), 'normal');
        if (rng.chance(0.02)) {
          const cp = cps.foreign(rng.weighted(WIRE_COUNTRIES));
          add(
            c,
            at(9, 17),
            'out',
            'wire',
            round100(rng.logNormal(6000, 0.7)),
            cp,
            'normal',
            cp.country === 'US' ? 'USD' : 'EUR',
            noiseScreening(rng),
          );
        }
      }
    }
  }

  // Planted typologies: at least one episode of each kind, then round-robin up to customers × typologyRate.
  const episodes = Math.max(TYPOLOGIES.length, Math.round(options.customers * options.typologyRate));
  const kinds = plantRng.shuffle(Array.from({ length: episodes }, (_, i) => TYPOLOGIES[i % TYPOLOGIES.length]));
  const people = customers.filter((c) => c.segment === 'person');
  const pickPerson = (): CustomerState => plantRng.pick(people.length > 0 ? people : customers);
  const episodeStart = (): number =>
    start + Math.floor(plantRng.uniform(Math.min(7, days / 2), days - 2) * DAY) + plantRng.int(7, 18) * HOUR;
  const allCustomers: SyntheticCustomer[] = [...customers];
  let muleSerial = 0;

  for (const kind of kinds) {
    const rng = plantRng;
    const t0 = episodeStart();
    switch (kind) {
      case 'structuring': {
        // Several deposits or transfers just below the reporting threshold within a few days.
        const c = pickPerson();
        const n = rng.int(3, 6);
        const direction = rng.chance(0.7) ? 'in' : 'out';
        const target = cps.sepa('person');
        for (let k = 0; k < n; k++) {
          const t = t0 + Math.floor(rng.uniform(0, 4) * DAY);
          const channel = direction === 'in' ? rng.pick(['cash', 'cash', 'sepa'] as const) : 'sepa';
          add(
            c,
            t,
            direction,
            channel,
            rng.uniform(9_000, 9_950),
            direction === 'in' && channel === 'cash' ? rng.pick(atms) : target,
            kind,
          );
        }
        break;
      }
      case 'fan_in': {
        // Many distinct senders pay one account within a day or two; the collected money leaves in one or two wires.
        const c = pickPerson();
        const n = rng.int(8, 20);
        let total = 0;
        for (let k = 0; k < n; k++) {
          const amount = rng.logNormal(900, 0.5);
          total += amount;
          add(c, t0 + Math.floor(rng.uniform(0, 30) * HOUR), 'in', 'sepa', amount, cps.sepa('person'), kind);
        }
        const out = cps.foreign(rng.weighted(OFFSHORE_COUNTRIES));
        const legs = rng.int(1, 2);
        for (let k = 0; k < legs; k++) {
          add(
            c,
            t0 + Math.floor(rng.uniform(31, 40) * HOUR),
            'out',
            'wire',
            (total * rng.uniform(0.85, 0.97)) / legs,
            out,
            kind,
            'EUR',
            noiseScreening(rng),
          );
        }
        break;
      }
      case 'fan_out': {
        // One large inflow, then payments to many new counterparties within hours.
        const c = pickPerson();
        const amount = rng.logNormal(30_000, 0.4);
        add(
          c,
          t0,
          'in',
          'wire',
          amount,
          cps.foreign(rng.weighted(OFFSHORE_COUNTRIES)),
          kind,
          rng.chance(0.5) ? 'USD' : 'EUR',
        );
        const n = rng.int(8, 18);
        for (let k = 0; k < n; k++) {
          add(
            c,
            t0 + Math.floor(rng.uniform(1, 22) * HOUR),
            'out',
            'sepa',
            (amount * rng.uniform(0.8, 0.95)) / n,
            cps.sepa('person'),
            kind,
          );
        }
        break;
      }
      case 'cycle': {
        // A → B → C (→ D) → A: the same money goes round between our own customers within hours, each leg a bit less.
        const n = Math.min(rng.int(3, 4), people.length);
        if (n < 2) break;
        const ring = rng.shuffle([...people]).slice(0, n);
        const asCounterparty = (c: CustomerState): SyntheticCounterparty => ({
          name: `Customer ${c.customerId}`,
          iban: germanIban(50_010_517, Number(c.accountId.slice(2))),
          country: DOMESTIC,
        });
        let amount = round100(rng.logNormal(15_000, 0.4));
        let t = t0;
        for (let k = 0; k < n; k++) {
          const from = ring[k];
          const to = ring[(k + 1) % n];
          add(from, t, 'out', 'sepa', amount, asCounterparty(to), kind);
          add(to, t + 60_000, 'in', 'sepa', amount, asCounterparty(from), kind);
          t += Math.floor(rng.uniform(1, 8) * HOUR);
          amount = Math.round(amount * rng.uniform(0.96, 0.995) * 100) / 100;
        }
        break;
      }
      case 'rapid_movement': {
        // A large inflow leaves again within hours, almost in full, to a new (often foreign) counterparty.
        const c = pickPerson();
        const amount = rng.logNormal(25_000, 0.5);
        add(c, t0, 'in', 'wire', amount, cps.sepa('company'), kind);
        const out = rng.chance(0.6) ? cps.foreign(rng.weighted(OFFSHORE_COUNTRIES)) : cps.sepa('person');
        add(
          c,
          t0 + Math.floor(rng.uniform(0.5, 6) * HOUR),
          'out',
          out.iban ? 'sepa' : 'wire',
          amount * rng.uniform(0.9, 0.99),
          out,
          kind,
          'EUR',
          noiseScreening(rng),
        );
        break;
      }
      case 'mule': {
        // A new account: many inbound payments from distinct senders, each moved on quickly (crypto or wire).
        muleSerial++;
        const mule: SyntheticCustomer = {
          customerId: `m-${pad(muleSerial)}`,
          accountId: `am-${pad(muleSerial)}`,
          accountOpenedAt: new Date(t0 - Math.floor(rng.uniform(0, 10) * DAY)),
          kycRiskRating: rng.weighted([
            ['unrated', 50],
            ['low', 40],
            ['medium', 10],
          ] as const),
          isPep: false,
          segment: 'mule',
        };
        allCustomers.push(mule);
        const n = rng.int(5, 15);
        let t = t0;
        for (let k = 0; k < n; k++) {
          const amount = rng.logNormal(1200, 0.6);
          add(mule, t, 'in', 'sepa', amount, cps.sepa('person'), kind);
          const out = rng.chance(0.5)
            ? { name: `Crypto Exchange ${rng.int(1, 4)}`, iban: null, country: rng.pick(['MT', 'SC', 'VG', 'KY']) }
            : cps.foreign(rng.weighted(OFFSHORE_COUNTRIES), 'person');
          add(
            mule,
            t + Math.floor(rng.uniform(0.3, 5) * HOUR),
            'out',
            out.name.startsWith('Crypto') ? 'crypto' : 'wire',
            amount * rng.uniform(0.85, 0.98),
            out,
            kind,
          );
          t += Math.floor(rng.uniform(2, 20) * HOUR);
        }
        break;
      }
    }
  }

  const byCustomer = new Map(allCustomers.map((c) => [c.customerId, c]));
  const prefix = options.idPrefix ?? `syn${seed}`;
  const ordered = drafts
    .map((d, order) => ({ d, order }))
    .sort((x, y) => x.d.bookedAt.getTime() - y.d.bookedAt.getTime() || x.order - y.order);
  const transactions = ordered.map(({ d }, i): SyntheticTransaction => {
    const c = byCustomer.get(d.customerId)!;
    const amountMajor = d.amountMinor / 100;
    return {
      id: `${prefix}-${String(i + 1).padStart(6, '0')}`,
      ...d,
      amountMajor,
      amountBase: Math.round(amountMajor * SYNTHETIC_RATES[d.currency] * 100) / 100,
      counterpartyKey: d.counterparty.iban
        ? `iban:${d.counterparty.iban}`
        : `name:${d.counterparty.name.toLowerCase()}`,
      accountOpenedAt: c.accountOpenedAt,
      kycRiskRating: c.kycRiskRating,
      isPep: c.isPep,
    };
  });
  return {
    customers: allCustomers.map(({ customerId, accountId, accountOpenedAt, kycRiskRating, isPep, segment }) => ({
      customerId,
      accountId,
      accountOpenedAt,
      kycRiskRating,
      isPep,
      segment,
    })),
    transactions,
  };
}

/** The labelled transactions only (see generateSyntheticDataset). */
export function generateSyntheticTransactions(options: SyntheticOptions): SyntheticTransaction[] {
  return generateSyntheticDataset(options).transactions;
}
