import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { CustomerReviewFeed, CustomerService } from '@domains/customers';
import { TransactionFlowReader, type TransactionDetailDto } from '@domains/monitoring';
import { CasesError } from '../cases.errors.js';
import { resolveWindow, type TimeWindow } from '../dashboard/dashboard.window.js';
import { buildFlowGraph, type FlowGraph, type FlowGraphSource, type FlowSubject } from './flow-graph.builder.js';
import type {
  CaseTransactionExplanationDto,
  CaseTransactionsDto,
  CustomerGlanceDto,
  FlowGraphQueryDto,
  FlowGraphWindowQueryDto,
} from './investigation.dto.js';
import { InvestigationRepository } from './investigation.repository.js';

/** Nodes drawn at most in a flow graph. */
export const FLOW_GRAPH_NODE_CAP = 150;
/** Aggregated flows read per hop at most (largest first). */
const FLOW_ROWS_PER_HOP = 2000;
const DEFAULT_GRAPH_DAYS = 90;
const DEFAULT_HOPS = 2;
const GLANCE_LIMIT = 50;
const CASE_TRANSACTION_LIMIT = 500;
const TOP_CONTRIBUTIONS = 8;
const DAY_MS = 86_400_000;

/**
 * Investigation views over several domains: a customer at a glance, the money-flow graph around a subject or a
 * case, and a case's transactions with their decision reasons. Read-only.
 */
@Injectable()
export class InvestigationService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly investigations: InvestigationRepository,
    private readonly flows: TransactionFlowReader,
    private readonly customers: CustomerService,
    private readonly profiles: CustomerReviewFeed,
  ) {}

  async customerGlance(tenantId: string, customerId: string): Promise<CustomerGlanceDto> {
    const detail = await this.customers.get(tenantId, customerId);
    const c = detail.customer;
    // Transaction alerts carry the provider's customer reference; screening and KYC alerts the customer's id.
    const alertCustomerIds = [c.id, ...(c.externalRef ? [c.externalRef] : [])];
    const data = await this.transactions.run(
      async (tx) => ({
        recent: await this.flows.recentOfCustomer(tx, tenantId, c.id, GLANCE_LIMIT),
        alerts: await this.investigations.alertsOfCustomer(tx, tenantId, alertCustomerIds, GLANCE_LIMIT),
        cases: await this.investigations.casesOfCustomer(tx, tenantId, c.id, alertCustomerIds, GLANCE_LIMIT),
      }),
      { tenantId },
    );
    return {
      profile: {
        id: c.id,
        externalRef: c.externalRef,
        fullName: c.fullName,
        type: c.type,
        kycStatus: c.kycStatus,
        country: c.country,
        isPep: c.isPep,
        eddRequired: c.eddRequired,
        screeningStatus: c.screeningStatus,
        riskRating: c.riskRating,
        riskScore: c.riskScore,
        riskFactors: (c.riskExplanation ?? []).map((f) => ({ factor: f.factor, points: f.points, reason: f.reason })),
        ratedAt: c.ratedAt?.toISOString() ?? null,
        nextReviewAt: c.nextReviewAt?.toISOString() ?? null,
        accounts: detail.accounts.map((a) => a.externalRef),
      },
      recentTransactions: data.recent.items.map((t) => ({ ...t, bookedAt: t.bookedAt.toISOString() })),
      transactionCount: data.recent.total,
      alerts: data.alerts.items.map((a) => ({
        ...a,
        createdAt: a.createdAt.toISOString(),
        disposedAt: a.disposedAt?.toISOString() ?? null,
      })),
      alertCount: data.alerts.total,
      cases: data.cases.map((k) => ({
        ...k,
        createdAt: k.createdAt.toISOString(),
        closedAt: k.closedAt?.toISOString() ?? null,
      })),
    };
  }

  async flowGraph(tenantId: string, query: FlowGraphQueryDto, now: Date = new Date()): Promise<FlowGraph> {
    const subjectId = query.subjectId.trim();
    if (!subjectId) throw new CasesError('cases/flow_subject_invalid', 'invalid', 'subjectId must not be blank');
    const window = resolveWindow(query.from, query.to, now, DEFAULT_GRAPH_DAYS);
    return this.graph(tenantId, [{ type: query.subjectType, id: subjectId }], query.hops ?? DEFAULT_HOPS, window);
  }

  /**
   * The graph around a case's subjects and the customers of its transactions. Without a window: from 30 days before
   * its earliest transaction (at most 366 days back) to now.
   */
  async caseFlowGraph(
    tenantId: string,
    caseId: string,
    query: FlowGraphWindowQueryDto,
    now: Date = new Date(),
  ): Promise<FlowGraph> {
    const { subjects, details } = await this.transactions.run(
      async (tx) => {
        await this.requireCase(tx, tenantId, caseId);
        const ids = await this.investigations.caseTransactionIds(tx, tenantId, caseId, CASE_TRANSACTION_LIMIT);
        return {
          subjects: await this.investigations.caseSubjects(tx, tenantId, caseId),
          details: await this.flows.details(tx, tenantId, ids),
        };
      },
      { tenantId },
    );
    const all: FlowSubject[] = [
      ...subjects.map((s) => ({ type: s.type, id: s.subjectId })),
      ...details.map((d) => ({ type: 'customer' as const, id: d.customerRecordId })),
    ];
    const unique = [...new Map(all.map((s) => [`${s.type}:${s.id}`, s])).values()];
    let window: TimeWindow;
    if (query.from !== undefined || query.to !== undefined || details.length === 0) {
      window = resolveWindow(query.from, query.to, now, DEFAULT_GRAPH_DAYS);
    } else {
      const earliest = Math.min(...details.map((d) => Date.parse(d.bookedAt)));
      const from = Math.max(earliest - 30 * DAY_MS, now.getTime() - 366 * DAY_MS);
      window = { from: new Date(Math.min(from, now.getTime() - DAY_MS)), to: now };
    }
    return this.graph(tenantId, unique, query.hops ?? DEFAULT_HOPS, window);
  }

  async caseTransactions(tenantId: string, caseId: string): Promise<CaseTransactionsDto> {
    const { details, viaAlerts } = await this.transactions.run(
      async (tx) => {
        await this.requireCase(tx, tenantId, caseId);
        const ids = await this.investigations.caseTransactionIds(tx, tenantId, caseId, CASE_TRANSACTION_LIMIT);
        return {
          details: await this.flows.details(tx, tenantId, ids),
          viaAlerts: await this.investigations.caseAlertsByTransaction(tx, tenantId, caseId),
        };
      },
      { tenantId },
    );
    return { caseId, items: details.map((d) => caseTransactionOf(d, viaAlerts.get(d.transactionId) ?? [])) };
  }

  private async requireCase(tx: Tx, tenantId: string, caseId: string): Promise<void> {
    if (!(await this.investigations.caseExists(tx, tenantId, caseId))) {
      throw new CasesError('cases/case_not_found', 'not_found', 'No such case');
    }
  }

  private async graph(
    tenantId: string,
    subjects: readonly FlowSubject[],
    hops: number,
    window: TimeWindow,
  ): Promise<FlowGraph> {
    return this.transactions.run(
      (tx) => {
        const source: FlowGraphSource = {
          flows: (frontier) => this.flows.flows(tx, tenantId, { ...frontier, ...window, limit: FLOW_ROWS_PER_HOP }),
          flowsToAccounts: (accountRefs) =>
            this.flows.flowsToAccounts(tx, tenantId, { accountRefs, ...window, limit: FLOW_ROWS_PER_HOP }),
          accountOwners: (refs) => this.flows.accountOwners(tx, tenantId, refs),
          // In the graph's own transaction: a second one from inside it would hold two pool connections per request.
          customers: async (ids) =>
            new Map(
              (await this.profiles.profiles(tx, tenantId, ids)).map((c) => [
                c.customerId,
                { label: c.name, risk: c.riskRating },
              ]),
            ),
        };
        return buildFlowGraph({ subjects, hops, ...window, nodeCap: FLOW_GRAPH_NODE_CAP }, source);
      },
      { tenantId },
    );
  }
}

function caseTransactionOf(d: TransactionDetailDto, alertReferences: string[]): CaseTransactionExplanationDto {
  return {
    transactionId: d.transactionId,
    externalId: d.externalId,
    customerId: d.customerId,
    customerRecordId: d.customerRecordId,
    accountId: d.accountId,
    direction: d.direction,
    channel: d.channel,
    amountMinor: d.amountMinor,
    currency: d.currency,
    amountBase: d.amountBase,
    bookedAt: d.bookedAt,
    counterparty: { ...d.counterparty },
    decision: d.decision,
    score: d.score,
    modelScore: d.modelScore,
    reasons: d.reasons.map((r) => ({ ...r })),
    topContributions: [...d.contributions]
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, TOP_CONTRIBUTIONS)
      .map((c) => ({ feature: c.feature, value: c.value, contribution: c.contribution })),
    ruleSetVersion: d.ruleSetVersion,
    modelVersion: d.modelVersion,
    alertReferences,
  };
}
