import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { NameScreener, ScreeningError } from '@domains/screening';
import type { MappedMessage, MappedParty, MappedPayment } from './iso20022-payment.mapper.js';

/** One listed name found in a payment: which party (or the remittance text), the listed entry and the score. */
export interface PaymentScreeningHit {
  readonly source: string;
  readonly name: string;
  readonly entryName: string;
  readonly listSource: string;
  readonly score: number;
}

export interface PaymentScreeningOutcome {
  /** Best hit first; empty when nothing scored at or above MONITORING_SCREENING_MIN_SCORE. */
  readonly hits: readonly PaymentScreeningHit[];
  /** `block` at ISO20022_SCREENING_BLOCK_SCORE or above, `review` from the minimum score, else `clear`. */
  readonly verdict: 'clear' | 'review' | 'block';
}

/** Word windows of the remittance text checked per transaction (bounded: remittance is free text). */
const MAX_WINDOWS_PER_PAYMENT = 40;
/** Distinct names checked per message (parties and windows together; each check is an in-memory index lookup). */
const MAX_CHECKS_PER_MESSAGE = 20_000;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'.&-]*/gu;
const HAS_LETTER = /\p{L}/u;
/** Checks between two yields to the event loop, so that screening a large message lets other work (I/O) run. */
const CHECKS_PER_SLICE = 64;
const UNSCREENABLE_NAME_CODES: ReadonlySet<string> = new Set(['screening/name_empty', 'screening/name_too_long']);

/**
 * Inline screening of an inbound payment message against the tenant's sanctions/PEP lists (the warm in-memory
 * `NameScreener` index, no database writes): every party name — Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty and the
 * agents' names when present — and the remittance text. Remittance is screened as word windows (2 and 3 consecutive
 * words that contain a letter, at most 40 per transaction), so a listed name written inside "Invoice 42 for
 * ACME Trading" is found. Each distinct name is checked once per message, and a message checks at most 20,000
 * names, so the cost is bounded by the message size. It yields to the event loop every 64 checks, so a large message
 * is screened while the process waits on other work (the decisions' database statements).
 */
@Injectable()
export class Iso20022PartyScreener {
  constructor(
    private readonly screener: NameScreener,
    private readonly config: AppConfig,
  ) {}

  async screen(tenantId: string, message: MappedMessage): Promise<PaymentScreeningOutcome[]> {
    const minScore = this.config.values.MONITORING_SCREENING_MIN_SCORE;
    const blockScore = this.config.values.ISO20022_SCREENING_BLOCK_SCORE;
    const perPayment = message.payments.map((payment) => namesOf(payment));
    const distinct = new Map<string, { name: string; entityType: 'unknown' | 'organisation' }>();
    for (const names of perPayment) {
      for (const { name, entityType } of names) {
        const key = name.toLowerCase();
        if (!distinct.has(key) && distinct.size < MAX_CHECKS_PER_MESSAGE) distinct.set(key, { name, entityType });
      }
    }
    const results = new Map<string, readonly { entryName: string; listSource: string; score: number }[]>();
    let checked = 0;
    for (const [key, query] of distinct) {
      if (++checked % CHECKS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        const hits = await this.screener.check(tenantId, query, { limit: 3, minScore });
        results.set(key, hits);
      } catch (error) {
        // A name the engine cannot take (no letter or digit, far too long) has nothing to match; any other failure
        // (the index could not be built) must not let the payment through as screened and clear.
        if (!(error instanceof ScreeningError && UNSCREENABLE_NAME_CODES.has(error.code))) throw error;
        results.set(key, []);
      }
    }
    return perPayment.map((names) => {
      const hits: PaymentScreeningHit[] = [];
      for (const { source, name } of names) {
        for (const hit of results.get(name.toLowerCase()) ?? []) {
          hits.push({ source, name, entryName: hit.entryName, listSource: hit.listSource, score: hit.score });
        }
      }
      hits.sort((a, b) => b.score - a.score);
      const best = hits[0]?.score ?? 0;
      const verdict = hits.length === 0 ? 'clear' : best >= blockScore ? 'block' : 'review';
      return { hits, verdict };
    });
  }
}

interface NameToScreen {
  readonly source: string;
  readonly name: string;
  readonly entityType: 'unknown' | 'organisation';
}

function namesOf(payment: MappedPayment): NameToScreen[] {
  const names: NameToScreen[] = [];
  const party = (p: MappedParty | null, entityType: 'unknown' | 'organisation' = 'unknown') => {
    if (p?.name && HAS_LETTER.test(p.name)) names.push({ source: p.role, name: p.name, entityType });
  };
  party(payment.debtor);
  party(payment.creditor);
  party(payment.ultimateDebtor);
  party(payment.ultimateCreditor);
  party(payment.initiatingParty);
  party(payment.debtorAgent, 'organisation');
  party(payment.creditorAgent, 'organisation');
  for (const agent of payment.intermediaryAgents) party(agent, 'organisation');
  const text = [...payment.remittanceUnstructured, ...payment.remittanceReferences].join(' ');
  const words = text.match(WORD) ?? [];
  let windows = 0;
  for (let size = 2; size <= 3; size++) {
    for (let i = 0; i + size <= words.length && windows < MAX_WINDOWS_PER_PAYMENT; i++) {
      const window = words.slice(i, i + size).join(' ');
      if (!HAS_LETTER.test(window)) continue;
      names.push({ source: 'RmtInf', name: window, entityType: 'unknown' });
      windows += 1;
    }
  }
  return names;
}
