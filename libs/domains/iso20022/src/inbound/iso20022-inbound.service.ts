import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@domains/audit';
import { TransactionDecisionService } from '@domains/monitoring';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { DomainError } from '@platform/errors';
import { Iso20022Error } from '../iso20022.errors.js';
import type { Iso20022MessageStatus } from '../message/iso20022-message.entity.js';
import type { Iso20022TransactionStatus } from '../message/iso20022-message-transaction.entity.js';
import { digestOf, Iso20022MessageStore } from '../message/iso20022-message.store.js';
import { StatusReportBuilder, type StatusReportType } from '../status/status-report.builder.js';
import {
  groupStatusOf,
  type GroupStatusCode,
  type StatusReasonCode,
  type TransactionStatusCode,
} from '../status/status-report.codes.js';
import { DEFAULT_XML_MAX_DEPTH, guardXmlInput } from '../xml/xml-input.guard.js';
import { readInboundMessage, type ReadContext } from './iso20022-message.reader.js';
import { mapPaymentMessage, type MappedMessage, type MappedPayment } from './iso20022-payment.mapper.js';
import { Iso20022PartyScreener, type PaymentScreeningOutcome } from './iso20022-party.screener.js';
import { directionOf, toMonitoringTransaction } from './iso20022-transaction.builder.js';

/**
 * Parsing and validation run synchronously and are bounded by the body size and nesting depth checked first; this
 * deadline is checked between the steps as a second line (a message that took longer is refused, not half-taken).
 */
export const ISO20022_PROCESSING_DEADLINE_MS = 10_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]([\x20-\x7e]{0,198}[\x21-\x7e])?$/;

export type InboundStep = 'guard' | 'parse_validate' | 'map' | 'screen' | 'decide' | 'answer';
/** A step ended: sequential steps give no start (they began when the previous one ended); `screen` gives its own. */
export type InboundLap = (step: InboundStep, startedAt?: number) => void;

export interface InboundCaller {
  readonly tenantId: string;
  readonly actor: AuditActor & { readonly type: 'user' | 'key' };
}

export interface InboundAnswer {
  /** The pacs.002.001.10 / pain.002.001.10 status report. */
  readonly xml: string;
  readonly reportType: StatusReportType;
  readonly groupStatus: GroupStatusCode;
  readonly inboundMessageId: string;
  readonly reportMessageId: string;
  /** True when the decisions are those of an earlier receipt of the same message (same Idempotency-Key). */
  readonly replayed: boolean;
}

interface DecisionResult {
  readonly transactionId: string;
  readonly decision: 'allow' | 'review' | 'block';
}

interface TransactionOutcome {
  readonly payment: MappedPayment;
  readonly status: TransactionStatusCode;
  readonly reasonCode: StatusReasonCode | 'AC01' | 'RC01' | null;
  readonly additionalInfo: string | null;
  readonly transactionId: string | null;
  readonly decision: DecisionResult['decision'] | null;
  readonly screening: PaymentScreeningOutcome | null;
}

const STORED_STATUS: Record<TransactionStatusCode, Iso20022TransactionStatus> = {
  ACCP: 'accepted',
  ACSP: 'accepted',
  PDNG: 'pending',
  RJCT: 'rejected',
};
const MESSAGE_STATUS: Record<GroupStatusCode, Iso20022MessageStatus> = {
  ACCP: 'accepted',
  ACSP: 'accepted',
  PDNG: 'pending',
  RJCT: 'rejected',
  PART: 'partially_accepted',
};

/** Refusals whose body is not kept as text even partly: it was not (or not safely) readable XML. */
const UNREAD_BODY_CODES = new Set([
  'iso20022/body_too_large',
  'iso20022/dtd_forbidden',
  'iso20022/encoding_unsupported',
]);

/**
 * Inbound ISO 20022 payments (pacs.008.001.08, pain.001.001.09, pain.001.001.03): guard, parse, validate, map,
 * screen, decide, answer with a pacs.002 / pain.002.
 *
 * Status policy per transaction (codes: ExternalPaymentTransactionStatus1Code and ExternalStatusReason1Code):
 *  - an IBAN failing its check digits → RJCT AC01, a BIC with an unknown country → RJCT RC01 (not decided);
 *  - a party or remittance name scoring ISO20022_SCREENING_BLOCK_SCORE or more on the lists → RJCT RR04;
 *  - the decision engine's `block` → RJCT AG01;
 *  - a screening hit below the block score, or the engine's `review` → PDNG (RR04 when screening held it), and the
 *    later decision of the review is reported by a follow-up status report;
 *  - otherwise ACSP for pacs.008 (accepted, settlement in process) and ACCP for pain.001 (customer profile accepted).
 * The group status follows `groupStatusOf`. A message refused whole is a 4xx problem and leaves only its rejection
 * record (status rejected, reason, SHA-256, no body, no transactions) and the `iso20022.message.rejected` audit entry.
 *
 * Idempotency: the optional `Idempotency-Key` (default: the SHA-256 of the body) keys the decision call, so the same
 * message sent again gets the same decisions (replayed), never a second set; the same key with another message is
 * refused. Decisions commit in the decision engine's transaction; the inbound message, its transactions and the report
 * commit together right after (a crash in between is repaired by resending: the decisions replay and are stored then).
 */
@Injectable()
export class Iso20022InboundService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly store: Iso20022MessageStore,
    private readonly reports: StatusReportBuilder,
    private readonly screener: Iso20022PartyScreener,
    private readonly decisions: TransactionDecisionService,
  ) {}

  /** Checks the optional Idempotency-Key before the body is read (400 `iso20022/idempotency_key_invalid`). */
  static checkIdempotencyKey(key: string | undefined): string | undefined {
    if (key === undefined) return undefined;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new Iso20022Error(
        'iso20022/idempotency_key_invalid',
        'invalid',
        'The Idempotency-Key header must be 1 to 200 printable ASCII characters',
      );
    }
    return key;
  }

  /** Records the refusal of a body that was never read (e.g. 413 on its Content-Length): hash of nothing, size declared. */
  async rejectUnread(caller: InboundCaller, error: Iso20022Error, declaredBytes: number): Promise<void> {
    await this.recordRejection(
      caller,
      { sha256: digestOf(new Uint8Array()).sha256, sizeBytes: declaredBytes },
      null,
      error,
    );
  }

  /**
   * Takes one message. `lap`, when given, is called after each step with its name (`guard`, `parse_validate`, `map`,
   * `decide`, `answer`, one after the other) and once with `screen` and the time screening started, because screening
   * runs alongside the decisions: the benchmark times the steps of the real path with it.
   */
  async receive(
    caller: InboundCaller,
    body: Uint8Array,
    idempotencyKey?: string,
    lap: InboundLap = () => undefined,
  ): Promise<InboundAnswer> {
    const digest = digestOf(body);
    const context: ReadContext = { messageType: 'unknown', msgId: null, businessMessageId: null };
    const deadline = Date.now() + ISO20022_PROCESSING_DEADLINE_MS;
    try {
      const text = guardXmlInput(body, {
        maxBytes: this.config.values.ISO20022_MAX_BODY_BYTES,
        maxDepth: DEFAULT_XML_MAX_DEPTH,
      });
      lap('guard');
      const read = readInboundMessage(text, context);
      checkDeadline(deadline);
      lap('parse_validate');
      const message = mapPaymentMessage(read.messageType, read.document);
      checkDeadline(deadline);
      lap('map');
      // The message, its status report and their audit entries are stored in the decisions' transaction: a crash can
      // no longer leave decisions without the message that asked for them.
      const answer = await this.decide(
        caller,
        message,
        idempotencyKey ?? `sha256:${digest.sha256}`,
        digest.sha256,
        lap,
        (tx, outcomes, replayed) =>
          this.answer(caller, message, read.businessMessageId, text, digest, outcomes, replayed, tx),
      );
      lap('answer');
      return answer;
    } catch (error) {
      if (error instanceof DomainError) {
        const domainError = error as DomainError;
        if (isClientError(domainError)) await this.recordRejection(caller, digest, context, domainError);
      }
      throw error;
    }
  }

  private async decide(
    caller: InboundCaller,
    message: MappedMessage,
    key: string,
    sha256: string,
    lap: InboundLap,
    answer: (tx: Tx | undefined, outcomes: TransactionOutcome[], replayed: boolean) => Promise<InboundAnswer>,
  ): Promise<InboundAnswer> {
    // Screening is CPU work in this process and deciding is mostly waiting for the database: the names are screened
    // while the decisions are made (the screener yields now and then), and the answer waits for both. A screening
    // failure still fails the message: it is awaited inside the decisions' transaction, which then rolls back.
    const screeningStarted = performance.now();
    const screeningDone = this.screener.screen(caller.tenantId, message).then((outcomes) => {
      lap('screen', screeningStarted);
      return outcomes;
    });
    // Awaited below in every path; this only keeps a failure that comes while the decisions fail first from going
    // unhandled.
    screeningDone.catch(() => undefined);
    const receivedAt = new Date();
    const ownBics = this.config.values.ISO20022_OWN_BICS;
    const decidable = message.payments.filter((p) => p.problem === null);
    if (decidable.length === 0) {
      const screening = await screeningDone;
      lap('decide');
      return answer(undefined, this.outcomesOf(message, screening, []), false);
    }
    const items = decidable.map((p) =>
      toMonitoringTransaction(message, p, directionOf(message, p, ownBics), receivedAt),
    );
    let answered: InboundAnswer | undefined;
    await this.decisions.ingest(
      caller,
      `iso20022:${key}`,
      'transactions.batch',
      items,
      { iso20022: sha256 },
      async (tx, decided) => {
        lap('decide');
        const screening = await screeningDone;
        const results = (decided.body as { results: DecisionResult[] }).results;
        answered = await answer(tx, this.outcomesOf(message, screening, results), decided.replayed);
      },
    );
    if (!answered) throw new Error('the decisions committed without their ISO 20022 answer');
    return answered;
  }

  /** Each payment's status from its problem, its screening and its monitoring decision (`results`, in order). */
  private outcomesOf(
    message: MappedMessage,
    screening: readonly PaymentScreeningOutcome[],
    results: readonly DecisionResult[],
  ): TransactionOutcome[] {
    const accepted: TransactionStatusCode = message.messageType === 'pacs.008.001.08' ? 'ACSP' : 'ACCP';
    let next = 0;
    return message.payments.map((payment, i): TransactionOutcome => {
      const screened = screening[i] ?? null;
      if (payment.problem) {
        return {
          payment,
          status: 'RJCT',
          reasonCode: payment.problem.code,
          additionalInfo: payment.problem.message,
          transactionId: null,
          decision: null,
          screening: screened,
        };
      }
      const result = results[next++];
      const base = { payment, transactionId: result.transactionId, decision: result.decision, screening: screened };
      if (screened?.verdict === 'block') {
        const hit = screened.hits[0];
        return { ...base, status: 'RJCT', reasonCode: 'RR04', additionalInfo: `${hit.source} matches a listed name` };
      }
      if (result.decision === 'block') {
        return { ...base, status: 'RJCT', reasonCode: 'AG01', additionalInfo: 'Refused by transaction monitoring' };
      }
      if (screened?.verdict === 'review') {
        const hit = screened.hits[0];
        return {
          ...base,
          status: 'PDNG',
          reasonCode: 'RR04',
          additionalInfo: `${hit.source} is under compliance review`,
        };
      }
      if (result.decision === 'review') {
        return { ...base, status: 'PDNG', reasonCode: null, additionalInfo: null };
      }
      return { ...base, status: accepted, reasonCode: null, additionalInfo: null };
    });
  }

  private async answer(
    caller: InboundCaller,
    message: MappedMessage,
    businessMessageId: string | null,
    xml: string,
    digest: { sha256: string; sizeBytes: number },
    outcomes: TransactionOutcome[],
    replayed: boolean,
    /** The decisions' transaction to store in; a new one when no payment was decided. */
    within: Tx | undefined,
  ): Promise<InboundAnswer> {
    const groupStatus = groupStatusOf(outcomes.map((o) => o.status));
    const reportType: StatusReportType =
      message.messageType === 'pacs.008.001.08' ? 'pacs.002.001.10' : 'pain.002.001.10';
    const report = this.reports.build({
      type: reportType,
      original: {
        msgId: message.msgId,
        msgNmId: message.messageType,
        creDtTm: message.creDtTm || null,
        nbOfTxs: message.payments.length,
      },
      groupStatus,
      transactions: outcomes.map((o) => ({
        pmtInfId: o.payment.pmtInfId,
        endToEndId: o.payment.endToEndId,
        instrId: o.payment.instrId,
        uetr: o.payment.uetr,
        txId: o.payment.txId,
        status: o.status,
        reasonCode: o.reasonCode,
        additionalInfo: o.additionalInfo,
      })),
    });
    const reportDigest = digestOf(report.xml);
    const store = async (tx: Tx): Promise<InboundAnswer> => {
      const inbound = await this.store.record(tx, {
        tenantId: caller.tenantId,
        actor: caller.actor,
        direction: 'in',
        messageType: message.messageType,
        msgId: message.msgId,
        businessMessageId,
        status: MESSAGE_STATUS[groupStatus],
        reason: groupStatus === 'RJCT' || groupStatus === 'PART' ? rejectionSummary(outcomes) : null,
        sha256: digest.sha256,
        sizeBytes: digest.sizeBytes,
        xml,
        summary: summaryOf(message, outcomes, groupStatus, replayed),
        transactions: outcomes.map((o) => ({
          transactionId: o.transactionId,
          endToEndId: o.payment.endToEndId,
          instrId: o.payment.instrId,
          uetr: o.payment.uetr,
          txId: o.payment.txId,
          amountMinor: String(o.payment.amountMinor),
          currency: o.payment.currency,
          status: STORED_STATUS[o.status],
          reasonCode: o.reasonCode,
        })),
      });
      const sent = await this.store.record(tx, {
        tenantId: caller.tenantId,
        actor: caller.actor,
        direction: 'out',
        messageType: reportType,
        msgId: report.msgId,
        status: 'generated',
        sha256: reportDigest.sha256,
        sizeBytes: reportDigest.sizeBytes,
        xml: report.xml,
        summary: { groupStatus, originalMsgId: message.msgId, transactions: outcomes.length },
        relatedMessageId: inbound.id,
      });
      return {
        xml: report.xml,
        reportType,
        groupStatus,
        inboundMessageId: inbound.id,
        reportMessageId: sent.id,
        replayed,
      };
    };
    return within ? store(within) : this.transactions.run(store, { tenantId: caller.tenantId });
  }

  private async recordRejection(
    caller: InboundCaller,
    digest: { sha256: string; sizeBytes: number },
    context: ReadContext | null,
    error: DomainError,
  ): Promise<void> {
    const errors = Array.isArray(error.details?.errors) ? (error.details.errors as unknown[]).slice(0, 10) : [];
    await this.transactions.run(
      (tx) =>
        this.store.record(tx, {
          tenantId: caller.tenantId,
          actor: caller.actor,
          direction: 'in',
          messageType: context?.messageType ?? 'unknown',
          msgId: context?.msgId ?? null,
          businessMessageId: context?.businessMessageId ?? null,
          status: 'rejected',
          reason: `${error.code}: ${error.message}`,
          sha256: digest.sha256,
          sizeBytes: digest.sizeBytes,
          xml: null,
          summary: { code: error.code, bodyRead: !UNREAD_BODY_CODES.has(error.code), errors: errors },
        }),
      { tenantId: caller.tenantId },
    );
  }
}

function isClientError(error: DomainError): boolean {
  return error.kind !== 'unavailable';
}

function checkDeadline(deadline: number): void {
  if (Date.now() > deadline) {
    throw new Iso20022Error(
      'iso20022/processing_timeout',
      'unprocessable',
      `The message took more than ${ISO20022_PROCESSING_DEADLINE_MS} ms to parse and validate`,
    );
  }
}

function rejectionSummary(outcomes: TransactionOutcome[]): string {
  const rejected = outcomes.filter((o) => o.status === 'RJCT');
  const codes = [...new Set(rejected.map((o) => o.reasonCode ?? 'RJCT'))].join(', ');
  return `${rejected.length} of ${outcomes.length} transactions rejected (${codes})`;
}

function summaryOf(
  message: MappedMessage,
  outcomes: TransactionOutcome[],
  groupStatus: GroupStatusCode,
  replayed: boolean,
): Record<string, unknown> {
  const totals: Record<string, string> = {};
  for (const o of outcomes) {
    totals[o.payment.currency] = String(BigInt(totals[o.payment.currency] ?? '0') + BigInt(o.payment.amountMinor));
  }
  return {
    groupHeader: { msgId: message.msgId, creDtTm: message.creDtTm, nbOfTxs: message.nbOfTxs },
    groupStatus,
    replayed,
    totalsMinor: totals,
    transactions: outcomes.map((o) => ({
      endToEndId: o.payment.endToEndId,
      uetr: o.payment.uetr,
      amount: o.payment.amountText,
      currency: o.payment.currency,
      debtor: o.payment.debtor.name,
      debtorAgent: o.payment.debtorAgent?.bic ?? null,
      creditor: o.payment.creditor.name,
      creditorAgent: o.payment.creditorAgent?.bic ?? null,
      status: o.status,
      reasonCode: o.reasonCode,
      decision: o.decision,
      screeningHits: (o.screening?.hits ?? []).slice(0, 3).map((h) => ({
        source: h.source,
        entryName: h.entryName,
        listSource: h.listSource,
        score: h.score,
      })),
    })),
  };
}
