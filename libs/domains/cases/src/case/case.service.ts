import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor, type AuditPayload } from '@domains/audit';
import {
  actorOf,
  UserRepository,
  type ApprovalContent,
  type ApprovalRequester,
  type Principal,
  type RequestedApproval,
} from '@domains/identity';
import { TransactionFlowReader } from '@domains/monitoring';
import { AlertWorkflowService } from '../alert/alert-workflow.service.js';
import { CasesError } from '../cases.errors.js';
import { detectAttachment, fileNameProblem } from './case-attachment.policy.js';
import { reportDueAt } from './case-deadline.policy.js';
import type { CaseEventEntity } from './case-event.entity.js';
import type { CaseNoteEntity } from './case-note.entity.js';
import type { CaseAttachmentEntity } from './case-attachment.entity.js';
import { CASE_SUBJECT_TYPES, type CaseSubjectEntity, type CaseSubjectType } from './case-subject.entity.js';
import type { CaseTransactionEntity } from './case-transaction.entity.js';
import type { CaseDisposition, CaseEntity, CasePriority, CaseStatus } from './case.entity.js';
import {
  CaseRepository,
  type AttachmentMetadata,
  type CaseListRow,
  type CasePatch,
  type LinkedAlert,
} from './case.repository.js';

/** The approval kind of closing a case; approvals' CaseCloseHandler applies it. */
export const CASE_CLOSE = 'cases.case.close';

/** What the second person approves: this case closed with exactly this determination and summary. */
export interface CaseCloseContent extends ApprovalContent {
  readonly caseId: string;
  readonly reference: string;
  readonly disposition: CaseDisposition;
  readonly summary: string;
  readonly jurisdiction: string;
  readonly suspectIdentified: boolean;
}

export interface CaseSubjectInput {
  readonly type: CaseSubjectType;
  readonly id: string;
  readonly label: string;
}

export interface CreateCaseInput {
  readonly title: string;
  readonly description?: string;
  readonly priority?: CasePriority;
  readonly alertIds?: readonly string[];
  readonly subjects?: readonly CaseSubjectInput[];
  readonly transactionIds?: readonly string[];
}

export interface UpdateCaseInput {
  readonly title?: string;
  readonly description?: string | null;
  readonly priority?: CasePriority;
  readonly assigneeId?: string | null;
  readonly status?: 'investigating';
}

export interface CloseRequestInput {
  readonly disposition: CaseDisposition;
  readonly summary: string;
  readonly jurisdiction?: string;
  readonly suspectIdentified?: boolean;
}

export interface UploadedAttachment {
  readonly fileName: string;
  readonly bytes: Buffer;
}

export interface CaseDetail {
  readonly case: CaseEntity;
  readonly subjects: CaseSubjectEntity[];
  readonly transactions: CaseTransactionEntity[];
  readonly alerts: LinkedAlert[];
  readonly notes: CaseNoteEntity[];
  readonly attachments: AttachmentMetadata[];
  readonly timeline: CaseEventEntity[];
  readonly pendingApprovalId: string | null;
}

export interface CaseListQuery {
  readonly status?: CaseStatus;
  /** `me` or a user id. */
  readonly assignee?: string;
  readonly overdue?: boolean;
  readonly q?: string;
  readonly limit: number;
  readonly offset: number;
}

function caseNotFound(): CasesError {
  return new CasesError('cases/case_not_found', 'not_found', 'No such case in your tenant');
}

function invalid(message: string): CasesError {
  return new CasesError('cases/case_invalid', 'invalid', message);
}

function actorText(actor: AuditActor): string {
  return `${actor.type}:${actor.id}`;
}

function actorId(actor: AuditActor): string {
  if (actor.type === 'system') throw new Error('cases: a system actor has no id to record as a person');
  return actor.id;
}

/**
 * The case aggregate: escalation of alerts into a case, its subjects, transactions, notes and attachments, and its
 * four-eyes closure. Every action writes a timeline row (`case_events`) and an audit entry in the same transaction;
 * reading a case is audited too.
 *
 * Approvals have no callback for a rejected, withdrawn or expired closure request: a case left `pending_approval`
 * whose request is no longer pending goes back to `investigating` the next time it is read or a closure is requested
 * (`reconcileClosure`).
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
    private readonly config: AppConfig,
    private readonly alerts: AlertWorkflowService,
    private readonly flows: TransactionFlowReader,
    private readonly users: UserRepository,
  ) {}

  async create(principal: Principal, input: CreateCaseInput): Promise<CaseEntity> {
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    const title = input.title.trim();
    if (!title) throw invalid('title: must not be blank');
    const subjects = this.checkSubjects(input.subjects ?? []);
    return this.transactions.run(
      async (tx) => {
        await this.checkTransactions(tx, tenantId, input.transactionIds ?? []);
        const reference = await this.cases.nextReference(tx, tenantId, new Date().getUTCFullYear());
        const created = await this.cases.insert(tx, {
          tenantId,
          reference,
          title,
          description: input.description?.trim() || null,
          priority: input.priority ?? 'medium',
          createdBy: actor.id,
        });
        await this.record(tx, created, actor, 'created', {
          reference,
          title,
          priority: created.priority,
          alertIds: [...(input.alertIds ?? [])],
        });
        await this.linkAlertsInTx(tx, created, actor, input.alertIds ?? []);
        for (const subject of subjects) await this.addSubjectInTx(tx, created, actor, subject);
        for (const id of input.transactionIds ?? []) await this.addTransactionInTx(tx, created, actor, id, 'direct');
        return created;
      },
      { tenantId },
    );
  }

  async list(principal: Principal, query: CaseListQuery): Promise<{ rows: CaseListRow[]; total: number }> {
    const tenantId = principal.tenantId;
    const assigneeId =
      query.assignee === 'me' ? (principal.kind === 'user' ? principal.userId : principal.keyId) : query.assignee;
    return this.transactions.run(
      (tx) =>
        this.cases.list(tx, tenantId, {
          status: query.status,
          assigneeId,
          overdue: query.overdue,
          q: query.q?.trim() || undefined,
          limit: query.limit,
          offset: query.offset,
        }),
      { tenantId },
    );
  }

  /** The whole case; the read is an audit entry (`cases.case.viewed`). */
  async get(principal: Principal, id: string, requester: ApprovalRequester): Promise<CaseDetail> {
    const tenantId = principal.tenantId;
    const pendingApprovalId = await this.reconcileClosure(principal, id, requester);
    return this.transactions.run(
      async (tx) => {
        const found = await this.cases.findById(tx, tenantId, id);
        if (!found) throw caseNotFound();
        // One after the other: the queries share the transaction's single connection.
        const subjects = await this.cases.listSubjects(tx, tenantId, id);
        const transactions = await this.cases.listTransactions(tx, tenantId, id);
        const alerts = await this.cases.linkedAlerts(tx, tenantId, id);
        const notes = await this.cases.listNotes(tx, tenantId, id);
        const attachments = await this.cases.listAttachments(tx, tenantId, id);
        const timeline = await this.cases.listEvents(tx, tenantId, id);
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'cases.case.viewed',
          subject: { type: 'case', id },
          payload: { reference: found.reference },
        });
        return {
          case: found,
          subjects,
          transactions,
          alerts,
          notes,
          attachments,
          timeline,
          pendingApprovalId: found.status === 'pending_approval' ? pendingApprovalId : null,
        };
      },
      { tenantId },
    );
  }

  async update(principal: Principal, id: string, input: UpdateCaseInput): Promise<CaseEntity> {
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    if (input.title !== undefined && !input.title.trim()) throw invalid('title: must not be blank');
    if (input.assigneeId) {
      const user = await this.users.findById(tenantId, input.assigneeId);
      if (!user) throw invalid('assigneeId: no such user in your tenant');
    }
    return this.transactions.run(
      async (tx) => {
        const found = await this.editable(tx, tenantId, id);
        const patch: CasePatch = {};
        const changes: Record<string, AuditPayload> = {};
        if (input.title !== undefined && input.title.trim() !== found.title) {
          patch.title = changes.title = input.title.trim();
        }
        if (input.description !== undefined && (input.description?.trim() || null) !== found.description) {
          patch.description = changes.description = input.description?.trim() || null;
        }
        if (input.priority !== undefined && input.priority !== found.priority) {
          patch.priority = changes.priority = input.priority;
        }
        if (input.status === 'investigating' && found.status === 'open') {
          patch.status = changes.status = 'investigating';
        }
        const assigned = input.assigneeId !== undefined && input.assigneeId !== found.assigneeId;
        if (assigned) patch.assigneeId = input.assigneeId ?? null;
        if (Object.keys(patch).length === 0) return found;
        await this.cases.update(tx, tenantId, id, patch);
        if (Object.keys(changes).length > 0) await this.record(tx, found, actor, 'updated', changes);
        if (assigned) {
          await this.record(tx, found, actor, 'assigned', {
            assigneeId: input.assigneeId ?? null,
            previousAssigneeId: found.assigneeId,
          });
        }
        return { ...found, ...patch };
      },
      { tenantId },
    );
  }

  /** Escalates more alerts into the case (their subjects and transactions join it). */
  async linkAlerts(principal: Principal, id: string, alertIds: readonly string[]): Promise<CaseEntity> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const found = await this.editable(tx, tenantId, id);
        await this.linkAlertsInTx(tx, found, actorOf(principal), alertIds);
        return found;
      },
      { tenantId },
    );
  }

  async addSubjects(principal: Principal, id: string, subjects: readonly CaseSubjectInput[]): Promise<void> {
    const tenantId = principal.tenantId;
    const checked = this.checkSubjects(subjects);
    await this.transactions.run(
      async (tx) => {
        const found = await this.editable(tx, tenantId, id);
        for (const subject of checked) await this.addSubjectInTx(tx, found, actorOf(principal), subject);
      },
      { tenantId },
    );
  }

  async removeSubject(principal: Principal, id: string, type: string, subjectId: string): Promise<void> {
    const tenantId = principal.tenantId;
    await this.transactions.run(
      async (tx) => {
        const found = await this.editable(tx, tenantId, id);
        if (!(await this.cases.removeSubject(tx, tenantId, id, type, subjectId))) {
          throw new CasesError('cases/case_not_found', 'not_found', 'The case has no such subject');
        }
        await this.record(tx, found, actorOf(principal), 'subject_removed', { type, subjectId });
      },
      { tenantId },
    );
  }

  async addTransactions(principal: Principal, id: string, transactionIds: readonly string[]): Promise<void> {
    const tenantId = principal.tenantId;
    await this.transactions.run(
      async (tx) => {
        const found = await this.editable(tx, tenantId, id);
        await this.checkTransactions(tx, tenantId, transactionIds);
        for (const transactionId of transactionIds) {
          await this.addTransactionInTx(tx, found, actorOf(principal), transactionId, 'direct');
        }
      },
      { tenantId },
    );
  }

  /** A plain-text note, stored exactly as written. */
  async addNote(principal: Principal, id: string, body: string): Promise<CaseNoteEntity> {
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    if (!body.trim()) throw invalid('body: must not be blank');
    return this.transactions.run(
      async (tx) => {
        const found = await this.notClosed(tx, tenantId, id);
        const note = await this.cases.insertNote(tx, { tenantId, caseId: id, body, authorId: actor.id });
        await this.record(tx, found, actor, 'note_added', { noteId: note.id, length: body.length });
        return note;
      },
      { tenantId },
    );
  }

  /**
   * Attaches a file after checking its name, size and type (decided from the bytes); the audit entry records its
   * SHA-256, size, type and name.
   */
  async addAttachment(principal: Principal, id: string, file: UploadedAttachment): Promise<AttachmentMetadata> {
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    const { CASES_ATTACHMENT_MAX_BYTES: maxBytes, CASES_ATTACHMENT_TYPES: allowed } = this.config.values;
    if (file.bytes.length > maxBytes) {
      throw new CasesError(
        'cases/attachment_too_large',
        'too_large',
        `The file is ${file.bytes.length} bytes; attachments may be at most ${maxBytes} bytes`,
      );
    }
    const nameProblem = fileNameProblem(file.fileName);
    if (nameProblem) throw new CasesError('cases/attachment_name_invalid', 'unprocessable', `fileName: ${nameProblem}`);
    if (file.bytes.length === 0) throw invalid('file: the file is empty');
    const detected = await detectAttachment(file.bytes, file.fileName);
    if (detected.kind === null || !allowed.includes(detected.kind)) {
      const found = detected.kind === null ? detected.found : detected.kind;
      throw new CasesError(
        'cases/attachment_type_forbidden',
        'unprocessable',
        `The file is ${found}; accepted types: ${allowed.join(', ')}`,
      );
    }
    const sha256 = await this.sha256(file.bytes);
    return this.transactions.run(
      async (tx) => {
        const found = await this.notClosed(tx, tenantId, id);
        const attachment = await this.cases.insertAttachment(tx, {
          tenantId,
          caseId: id,
          fileName: file.fileName,
          mediaType: detected.mediaType,
          sizeBytes: file.bytes.length,
          sha256,
          content: file.bytes,
          uploadedBy: actor.id,
        });
        await this.record(tx, found, actor, 'attachment_added', {
          attachmentId: attachment.id,
          sha256,
          size: file.bytes.length,
          type: detected.mediaType,
          name: file.fileName,
        });
        return attachment;
      },
      { tenantId },
    );
  }

  /** The file with its bytes; the download is an audit entry (`cases.attachment.downloaded`). */
  async downloadAttachment(principal: Principal, id: string, attachmentId: string): Promise<CaseAttachmentEntity> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        if (!(await this.cases.findById(tx, tenantId, id))) throw caseNotFound();
        const attachment = await this.cases.findAttachmentWithContent(tx, tenantId, id, attachmentId);
        if (!attachment) {
          throw new CasesError('cases/attachment_not_found', 'not_found', 'The case has no such attachment');
        }
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'cases.attachment.downloaded',
          subject: { type: 'case', id },
          payload: { attachmentId, sha256: attachment.sha256, name: attachment.fileName },
        });
        return attachment;
      },
      { tenantId },
    );
  }

  /**
   * Asks a second person holding `cases:approve` to close the case with this determination: the case waits in
   * `pending_approval` (nothing else about it may change meanwhile) until CaseCloseHandler applies the approval.
   */
  async requestClose(
    principal: Principal,
    id: string,
    input: CloseRequestInput,
    requester: ApprovalRequester,
  ): Promise<{ case: CaseEntity; approval: RequestedApproval }> {
    if (principal.kind !== 'user') {
      throw new CasesError('cases/people_only', 'forbidden', 'Only a signed-in person can ask for a case to be closed');
    }
    const summary = input.summary.trim();
    if (!summary) throw invalid('summary: must not be blank');
    const jurisdiction = input.jurisdiction?.toUpperCase() ?? this.config.values.CASES_DEFAULT_JURISDICTION;
    const tenantId = principal.tenantId;
    await this.reconcileClosure(principal, id, requester);
    return this.transactions.run(
      async (tx) => {
        const found = await this.cases.findByIdForUpdate(tx, tenantId, id);
        if (!found) throw caseNotFound();
        if (found.status === 'closed') throw this.notEditable(found);
        const content: CaseCloseContent = {
          caseId: found.id,
          reference: found.reference,
          disposition: input.disposition,
          summary,
          jurisdiction,
          suspectIdentified: input.suspectIdentified ?? true,
        };
        const approval = await requester.request(tx, {
          tenantId,
          kind: CASE_CLOSE,
          subject: { type: 'case', id: found.id },
          content,
          requestedBy: principal.userId,
          requiredPermission: 'cases:approve',
        });
        const patch: CasePatch = {
          status: 'pending_approval',
          closeDisposition: content.disposition,
          closeSummary: summary,
          jurisdiction,
          suspectIdentified: content.suspectIdentified,
          closeRequestedBy: principal.userId,
          closeRequestedAt: new Date(),
          approvalRequestId: approval.id,
        };
        await this.cases.update(tx, tenantId, id, patch);
        await this.record(tx, found, actorOf(principal), 'close_requested', {
          approvalRequestId: approval.id,
          disposition: content.disposition,
          jurisdiction,
          suspectIdentified: content.suspectIdentified,
          summary,
        });
        return { case: { ...found, ...patch }, approval };
      },
      { tenantId },
    );
  }

  /** The closure content the case's pending request would have now (locked); null when it no longer waits for it. */
  async currentCloseContent(
    tx: Tx,
    tenantId: string,
    caseId: string,
    approvalRequestId: string,
  ): Promise<CaseCloseContent | null> {
    const found = await this.cases.findByIdForUpdate(tx, tenantId, caseId);
    if (!found || found.status !== 'pending_approval' || found.approvalRequestId !== approvalRequestId) return null;
    if (!found.closeDisposition || found.closeSummary === null || !found.jurisdiction) return null;
    return {
      caseId: found.id,
      reference: found.reference,
      disposition: found.closeDisposition,
      summary: found.closeSummary,
      jurisdiction: found.jurisdiction,
      suspectIdentified: found.suspectIdentified ?? true,
    };
  }

  /** Closes the case in the approval's transaction; a `sar_needed` closure starts the regulatory clock now. */
  async applyClose(
    tx: Tx,
    change: {
      readonly tenantId: string;
      readonly content: CaseCloseContent;
      readonly approvalRequestId: string;
      readonly requestedBy: string;
      readonly approvedBy: string;
    },
  ): Promise<void> {
    const { tenantId, content } = change;
    const found = await this.cases.findByIdForUpdate(tx, tenantId, content.caseId);
    if (!found) throw caseNotFound();
    const now = new Date();
    const sar = content.disposition === 'sar_needed';
    const dueAt = sar
      ? reportDueAt(this.config.values.CASES_REPORT_DEADLINE_DAYS, content.jurisdiction, content.suspectIdentified, now)
      : null;
    await this.cases.update(tx, tenantId, found.id, {
      status: 'closed',
      closedBy: change.approvedBy,
      closedAt: now,
      determinedAt: sar ? now : null,
      reportDueAt: dueAt,
    });
    await this.record(tx, found, { type: 'user', id: change.approvedBy }, 'closed', {
      disposition: content.disposition,
      approvalRequestId: change.approvalRequestId,
      requestedBy: change.requestedBy,
      approvedBy: change.approvedBy,
      determinedAt: sar ? now.toISOString() : null,
      reportDueAt: dueAt?.toISOString() ?? null,
    });
  }

  /**
   * A case `pending_approval` whose request is no longer pending (rejected, withdrawn, voided or expired) goes back to
   * `investigating`. Returns the pending request's id, if one is pending.
   */
  private async reconcileClosure(
    principal: Principal,
    id: string,
    requester: ApprovalRequester,
  ): Promise<string | null> {
    const tenantId = principal.tenantId;
    const found = await this.transactions.run((tx) => this.cases.findById(tx, tenantId, id), { tenantId });
    if (!found) throw caseNotFound();
    if (found.status !== 'pending_approval') return null;
    const pending = (await requester.findPending(tenantId, CASE_CLOSE, 'case')).find((p) => p.subjectId === id);
    if (pending && pending.id === found.approvalRequestId) return pending.id;
    await this.transactions.run(
      async (tx) => {
        const locked = await this.cases.findByIdForUpdate(tx, tenantId, id);
        if (!locked || locked.status !== 'pending_approval' || locked.approvalRequestId !== found.approvalRequestId) {
          return;
        }
        await this.cases.update(tx, tenantId, id, { status: 'investigating' });
        await this.record(tx, locked, { type: 'system', id: 'cases' }, 'close_request_lapsed', {
          approvalRequestId: locked.approvalRequestId,
        });
      },
      { tenantId },
    );
    return null;
  }

  private async linkAlertsInTx(
    tx: Tx,
    target: CaseEntity,
    actor: AuditActor,
    alertIds: readonly string[],
  ): Promise<void> {
    if (alertIds.length === 0) return;
    const ids = [...new Set(alertIds)];
    await this.alerts.escalateInTx(tx, target.tenantId, actor, ids, target.id);
    const linked = await this.cases.alertsByIds(tx, target.tenantId, ids);
    for (const alert of linked) {
      if ((CASE_SUBJECT_TYPES as readonly string[]).includes(alert.subjectType)) {
        await this.addSubjectInTx(tx, target, actor, {
          type: alert.subjectType as CaseSubjectType,
          id: alert.subjectId,
          label: alert.subjectLabel,
        });
      }
      if (alert.customerId && !(alert.subjectType === 'customer' && alert.subjectId === alert.customerId)) {
        await this.addSubjectInTx(tx, target, actor, {
          type: 'customer',
          id: alert.customerId,
          label: `Customer ${alert.customerId}`,
        });
      }
      if (alert.transactionId) await this.addTransactionInTx(tx, target, actor, alert.transactionId, alert.id);
    }
    await this.record(tx, target, actor, 'alerts_linked', {
      alerts: linked.map((a) => ({ id: a.id, reference: a.reference, type: a.type })),
    });
  }

  private async addSubjectInTx(
    tx: Tx,
    target: CaseEntity,
    actor: AuditActor,
    subject: CaseSubjectInput,
  ): Promise<void> {
    const added = await this.cases.addSubject(tx, {
      tenantId: target.tenantId,
      caseId: target.id,
      type: subject.type,
      subjectId: subject.id,
      label: subject.label,
      addedBy: actorId(actor),
    });
    if (added) {
      await this.record(tx, target, actor, 'subject_added', {
        type: subject.type,
        subjectId: subject.id,
        label: subject.label,
      });
    }
  }

  private async addTransactionInTx(
    tx: Tx,
    target: CaseEntity,
    actor: AuditActor,
    transactionId: string,
    via: string,
  ): Promise<void> {
    const added = await this.cases.addTransaction(tx, {
      tenantId: target.tenantId,
      caseId: target.id,
      transactionId,
      addedBy: actorId(actor),
    });
    if (added) await this.record(tx, target, actor, 'transaction_added', { transactionId, via });
  }

  private checkSubjects(subjects: readonly CaseSubjectInput[]): CaseSubjectInput[] {
    return subjects.map((s, i) => {
      if (!(CASE_SUBJECT_TYPES as readonly string[]).includes(s.type)) {
        throw invalid(`subjects[${i}].type: must be one of ${CASE_SUBJECT_TYPES.join(', ')}`);
      }
      const id = s.id.trim();
      const label = s.label.trim();
      if (!id || !label) throw invalid(`subjects[${i}]: id and label must not be blank`);
      return { type: s.type, id, label };
    });
  }

  /** Every id must be a monitoring transaction of the tenant (read through monitoring's public reader, in one go). */
  private async checkTransactions(tx: Tx, tenantId: string, ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const found = new Set((await this.flows.details(tx, tenantId, unique)).map((d) => d.transactionId));
    const missing = unique.find((id) => !found.has(id));
    if (missing !== undefined) {
      throw new CasesError(
        'cases/transaction_not_found',
        'unprocessable',
        `transactionIds: ${missing} is not a transaction of your tenant`,
      );
    }
  }

  private async editable(tx: Tx, tenantId: string, id: string): Promise<CaseEntity> {
    const found = await this.cases.findByIdForUpdate(tx, tenantId, id);
    if (!found) throw caseNotFound();
    if (found.status === 'closed' || found.status === 'pending_approval') throw this.notEditable(found);
    return found;
  }

  private async notClosed(tx: Tx, tenantId: string, id: string): Promise<CaseEntity> {
    const found = await this.cases.findByIdForUpdate(tx, tenantId, id);
    if (!found) throw caseNotFound();
    if (found.status === 'closed') throw this.notEditable(found);
    return found;
  }

  private notEditable(found: CaseEntity): CasesError {
    return new CasesError(
      'cases/case_not_editable',
      'conflict',
      found.status === 'closed'
        ? 'The case is closed'
        : 'The case is waiting for its closure to be approved; withdraw or reject the request first',
    );
  }

  /** The timeline row and the audit entry (`cases.case.<action>`) of one action, in the caller's transaction. */
  private async record(
    tx: Tx,
    target: CaseEntity,
    actor: AuditActor,
    action: string,
    details: { [key: string]: AuditPayload },
  ): Promise<void> {
    await this.cases.insertEvent(tx, {
      tenantId: target.tenantId,
      caseId: target.id,
      actor: actorText(actor),
      action,
      details,
    });
    const auditAction = action.startsWith('attachment_')
      ? `cases.attachment.${action.slice('attachment_'.length)}`
      : `cases.case.${action}`;
    await this.ledger.record(tx, {
      tenantId: target.tenantId,
      actor,
      action: auditAction,
      subject: { type: 'case', id: target.id },
      payload: { reference: target.reference, ...details },
    });
  }

  private async sha256(bytes: Uint8Array): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return Buffer.from(digest).toString('hex');
  }
}
