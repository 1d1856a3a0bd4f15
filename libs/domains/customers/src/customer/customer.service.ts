import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { actorOf, type Principal } from '@domains/identity';
import { SubjectScreener, type SubjectScreeningOutcome } from '@domains/screening';
import { CustomersError, customerNotFound, customersInvalid } from '../customers.errors.js';
import { CustomerAssessmentService } from './customer-assessment.service.js';
import type { CustomerAccountEntity } from './customer-account.entity.js';
import { CustomerAccountRepository } from './customer-account.repository.js';
import type { CreateCustomerDto, RelatedPartyInputDto, UpdateCustomerDto } from './customer.dto.js';
import type { CustomerEntity } from './customer.entity.js';
import { CustomerRepository, type CustomerListFilter, type NewCustomer } from './customer.repository.js';
import { profileProblems } from './customer-profile.validator.js';
import type { RelatedPartyEntity } from './related-party.entity.js';
import { RelatedPartyRepository, type NewRelatedParty } from './related-party.repository.js';
import { KycLifecycleService } from '../lifecycle/kyc-lifecycle.service.js';

export interface CustomerDetail {
  readonly customer: CustomerEntity;
  readonly relatedParties: RelatedPartyEntity[];
  readonly accounts: CustomerAccountEntity[];
  readonly eddReasons: string[];
}

export interface SubjectScreening extends SubjectScreeningOutcome {
  readonly kind: 'customer' | 'related_party';
  readonly subjectId: string;
  readonly name: string;
}

const PROFILE_FIELDS = [
  'externalRef',
  'fullName',
  'nativeName',
  'aliases',
  'dateOfBirth',
  'nationalities',
  'country',
  'addresses',
  'identifiers',
  'occupation',
  'industry',
  'expectedActivity',
  'sourceOfFunds',
  'product',
  'channel',
  'isPep',
  'adverseMedia',
] as const;

function checkProfile(profile: Parameters<typeof profileProblems>[0]): void {
  const problems = profileProblems(profile);
  if (problems.length > 0) throw customersInvalid(problems.join('; '), { errors: problems });
}

function trimOrNull(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function partyOf(tenantId: string, customerId: string, input: RelatedPartyInputDto): NewRelatedParty {
  return {
    tenantId,
    customerId,
    role: input.role,
    partyType: input.partyType,
    fullName: input.fullName.trim(),
    nativeName: trimOrNull(input.nativeName),
    dateOfBirth: input.dateOfBirth ?? null,
    nationalities: [...new Set(input.nationalities ?? [])],
    country: input.country ?? null,
    ownershipPercent: input.ownershipPercent === undefined ? null : String(input.ownershipPercent),
    isPep: input.isPep ?? false,
  };
}

/**
 * Customer profiles: create, read, list and change them, with their related parties. Every change is audited, and
 * re-screens the customer (once it left draft) and recomputes its risk rating in the same transaction.
 */
@Injectable()
export class CustomerService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly parties: RelatedPartyRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly assessment: CustomerAssessmentService,
    private readonly lifecycle: KycLifecycleService,
    private readonly screener: SubjectScreener,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  async create(principal: Principal, input: CreateCustomerDto): Promise<CustomerDetail> {
    checkProfile(input);
    if (input.type === 'individual' && input.relatedParties && input.relatedParties.length > 0) {
      throw customersInvalid('relatedParties: only businesses have related parties');
    }
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    return this.withRefConflict(() =>
      this.transactions.run(
        async (tx) => {
          const created = await this.customers.insert(tx, {
            tenantId,
            externalRef: trimOrNull(input.externalRef),
            type: input.type,
            fullName: input.fullName.trim(),
            nativeName: trimOrNull(input.nativeName),
            aliases: input.aliases ?? [],
            dateOfBirth: input.dateOfBirth ?? null,
            nationalities: [...new Set(input.nationalities ?? [])],
            country: input.country ?? null,
            addresses: (input.addresses ?? []).map((a) => ({ ...a })),
            identifiers: (input.identifiers ?? []).map((i) => ({ ...i })),
            occupation: trimOrNull(input.occupation),
            industry: trimOrNull(input.industry),
            expectedActivity: input.expectedActivity ? { ...input.expectedActivity } : null,
            sourceOfFunds: trimOrNull(input.sourceOfFunds),
            product: trimOrNull(input.product),
            channel: trimOrNull(input.channel),
            kycStatus: 'draft',
            kycRequired: false,
            isPep: input.isPep ?? false,
            adverseMedia: input.adverseMedia ?? false,
            riskRating: 'unrated',
            riskScore: null,
            riskExplanation: null,
            riskMatrixVersion: null,
            ratedAt: null,
            eddRequired: false,
            eddChecklist: null,
            screeningStatus: null,
            screeningBestScore: null,
            screenedAt: null,
            nextReviewAt: null,
            decisionReason: null,
          });
          for (const party of input.relatedParties ?? []) {
            await this.parties.insert(tx, partyOf(tenantId, created.id, party));
          }
          await this.ledger.record(tx, {
            tenantId,
            actor,
            action: 'customers.customer.created',
            subject: { type: 'customer', id: created.id },
            payload: {
              type: created.type,
              externalRef: created.externalRef,
              relatedParties: input.relatedParties?.length ?? 0,
            },
          });
          await this.assessment.rate(tx, created, actor);
          return this.detailIn(tx, tenantId, created.id);
        },
        { tenantId },
      ),
    );
  }

  /** Changes the fields sent; re-screens (once submitted) and re-rates; an approved customer with new concerns goes back to review. */
  async update(principal: Principal, id: string, input: UpdateCustomerDto): Promise<CustomerDetail> {
    checkProfile(input);
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    return this.withRefConflict(() =>
      this.transactions.run(
        async (tx) => {
          const current = await this.customers.findByIdForUpdate(tx, tenantId, id);
          if (!current) throw customerNotFound();
          if (current.kycStatus === 'exited') {
            throw new CustomersError('customers/invalid_transition', 'conflict', 'An exited customer cannot change');
          }
          const changes: Partial<NewCustomer> = {};
          for (const field of PROFILE_FIELDS) {
            const value = input[field];
            if (value === undefined) continue;
            (changes as Record<string, unknown>)[field] =
              typeof value === 'string' && field !== 'dateOfBirth' ? trimOrNull(value) : value;
          }
          if (changes.fullName === null) throw customersInvalid('fullName: must not be blank');
          const changed = Object.keys(changes);
          if (changed.length === 0) return this.detailIn(tx, tenantId, id);
          // Whoever edits a minimal record is completing its KYC data.
          if (current.kycRequired && current.kycStatus === 'draft') changes.kycRequired = false;
          await this.customers.update(tx, tenantId, id, changes);
          await this.ledger.record(tx, {
            tenantId,
            actor,
            action: 'customers.customer.updated',
            subject: { type: 'customer', id },
            payload: { fields: changed },
          });
          await this.reassess(tx, { ...current, ...changes }, actor, 'profile changed');
          return this.detailIn(tx, tenantId, id);
        },
        { tenantId },
      ),
    );
  }

  async addRelatedParty(
    principal: Principal,
    customerId: string,
    input: RelatedPartyInputDto,
  ): Promise<CustomerDetail> {
    checkProfile({ relatedParties: [input] });
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    return this.transactions.run(
      async (tx) => {
        const customer = await this.customers.findByIdForUpdate(tx, tenantId, customerId);
        if (!customer) throw customerNotFound();
        if (customer.type !== 'business') throw customersInvalid('Only businesses have related parties');
        if (customer.kycStatus === 'exited') {
          throw new CustomersError('customers/invalid_transition', 'conflict', 'An exited customer cannot change');
        }
        const party = await this.parties.insert(tx, partyOf(tenantId, customerId, input));
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'customers.related_party.added',
          subject: { type: 'customer', id: customerId },
          payload: { relatedPartyId: party.id, role: party.role, partyType: party.partyType },
        });
        await this.reassess(tx, customer, actor, 'related party added');
        return this.detailIn(tx, tenantId, customerId);
      },
      { tenantId },
    );
  }

  async removeRelatedParty(principal: Principal, customerId: string, partyId: string): Promise<CustomerDetail> {
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    return this.transactions.run(
      async (tx) => {
        const customer = await this.customers.findByIdForUpdate(tx, tenantId, customerId);
        if (!customer) throw customerNotFound();
        if (!(await this.parties.remove(tx, tenantId, customerId, partyId))) throw customerNotFound('related party');
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'customers.related_party.removed',
          subject: { type: 'customer', id: customerId },
          payload: { relatedPartyId: partyId },
        });
        await this.reassess(tx, customer, actor, 'related party removed');
        return this.detailIn(tx, tenantId, customerId);
      },
      { tenantId },
    );
  }

  /** Registers an account of the customer under the provider's reference. */
  async openAccount(
    principal: Principal,
    customerId: string,
    input: { externalRef: string; currency: string; openedAt?: string },
  ): Promise<CustomerAccountEntity> {
    const tenantId = principal.tenantId;
    const openedAt = input.openedAt ? new Date(input.openedAt) : new Date();
    if (Number.isNaN(openedAt.getTime())) throw customersInvalid('openedAt: not a date');
    return this.transactions.run(
      async (tx) => {
        const customer = await this.customers.findByIdForUpdate(tx, tenantId, customerId);
        if (!customer) throw customerNotFound();
        const externalRef = input.externalRef.trim();
        const accountId = await this.accounts.insertIfAbsent(tx, {
          tenantId,
          customerId,
          externalRef,
          currency: input.currency,
          openedAt,
        });
        if (!accountId) {
          throw new CustomersError(
            'customers/external_ref_taken',
            'conflict',
            'Another account of your tenant has this external reference',
          );
        }
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'customers.account.created',
          subject: { type: 'customer', id: customerId },
          payload: { accountId, externalRef, currency: input.currency, source: 'api' },
        });
        const account = await this.accounts.findByExternalRef(tx, tenantId, externalRef);
        if (!account) throw new Error(`account ${accountId} vanished after insert`);
        return account;
      },
      { tenantId },
    );
  }

  async get(tenantId: string, id: string): Promise<CustomerDetail> {
    return this.transactions.run((tx) => this.detailIn(tx, tenantId, id), { tenantId });
  }

  async list(tenantId: string, filter: CustomerListFilter): Promise<{ items: CustomerEntity[]; total: number }> {
    return this.transactions.run((tx) => this.customers.list(tx, tenantId, filter), { tenantId });
  }

  /** The stored screening outcome of the customer and each related party (no new screening). */
  async screening(tenantId: string, id: string): Promise<SubjectScreening[]> {
    return this.transactions.run(
      async (tx) => {
        const customer = await this.customers.findById(tx, tenantId, id);
        if (!customer) throw customerNotFound();
        const parties = await this.parties.listByCustomer(tx, tenantId, id);
        const results: SubjectScreening[] = [];
        results.push({
          kind: 'customer',
          subjectId: customer.id,
          name: customer.fullName,
          ...(await this.screener.outcomeOf(tx, tenantId, 'customer', customer.id)),
        });
        for (const party of parties) {
          results.push({
            kind: 'related_party',
            subjectId: party.id,
            name: party.fullName,
            ...(await this.screener.outcomeOf(tx, tenantId, 'related_party', party.id)),
          });
        }
        return results;
      },
      { tenantId },
    );
  }

  /**
   * After a change: re-screen (unless still a draft), re-rate, and send an approved customer back to review when it
   * now has open hits or needs an EDD it has not had.
   */
  private async reassess(tx: Tx, customer: CustomerEntity, actor: AuditActor, why: string): Promise<void> {
    const fresh = (await this.customers.findById(tx, customer.tenantId, customer.id)) ?? customer;
    const screened =
      fresh.kycStatus === 'draft' || fresh.kycStatus === 'exited'
        ? fresh
        : await this.assessment.screen(tx, fresh, actor);
    const { customer: rated } = await this.assessment.rate(tx, screened, actor);
    if (rated.kycStatus !== 'approved') return;
    const needsReview =
      (rated.screeningStatus !== null && rated.screeningStatus !== 'clear') ||
      (rated.eddRequired && rated.eddChecklist === null);
    if (needsReview)
      await this.lifecycle.sendToReview(tx, rated, actor, `${why}: needs a new review`, 'profile_change');
  }

  private async detailIn(tx: Tx, tenantId: string, id: string): Promise<CustomerDetail> {
    const customer = await this.customers.findById(tx, tenantId, id);
    if (!customer) throw customerNotFound();
    // One connection per transaction: the reads go one after the other.
    const relatedParties = await this.parties.listByCustomer(tx, tenantId, id);
    const accounts = await this.accounts.listByCustomer(tx, tenantId, id);
    const eddReasons = await this.assessment.eddReasons(tx, customer);
    return { customer, relatedParties, accounts, eddReasons };
  }

  private async withRefConflict<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') {
        throw new CustomersError(
          'customers/external_ref_taken',
          'conflict',
          'Another customer of your tenant has this external reference',
        );
      }
      throw error;
    }
  }
}
