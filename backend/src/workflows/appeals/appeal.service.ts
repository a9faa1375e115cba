import { Injectable } from '@nestjs/common';
import { MAX_APPEAL_EVIDENCE_FILES, type AppealEvidenceJson, type AppealJson, type AppealPage, type ComplaintCategory } from '@envface/streams';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import type { AuthUser } from '../../auth/auth-user';
import { scopeOf } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { Database } from '../../platform/db/database.service';
import { EnforcementEventPublisher } from '../complaints/enforcement-event.publisher';
import { PublicGateway } from '../../pipeline/publish/public.gateway';
import { CreditNoticeService } from '../credit-notices/credit-notice.service';
import { AppealRepository, type AppealRow } from './appeal.repository';
import type { AppealListQuery, NewAppealRequest } from './appeal-requests';
import { AppealEvidenceRepository } from './appeal-evidence.repository';
import { acceptEvidence, evidenceJson } from './appeal-evidence';

/** Events an enterprise may contest: those that can lower its rating. Registrations and voids cannot. */
const NOT_APPEALABLE = new Set(['enterprise.upserted', 'enforcement.voided', 'enforcement.award', 'permit.issued', 'permit.renewed', 'permit.report_submitted', 'enforcement.rectification_completed']);

/** `staff`: the citizen's report behind a verified complaint is for inspectors, not the enterprise. */
function appealJson(r: AppealRow, evidence: AppealEvidenceJson[] = [], staff = false): AppealJson {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    eventId: r.event_id,
    eventType: r.event_type,
    eventDay: r.event_day,
    reasons: r.reasons,
    status: r.status,
    decisionReason: r.decision_reason,
    decidedAt: r.decided_at?.toISOString() ?? null,
    voidEventId: r.void_event_id,
    createdAt: r.created_at.toISOString(),
    eventData: r.event_data,
    complaint:
      staff && r.complaint_id !== null && r.complaint_text !== null
        ? { id: r.complaint_id, category: r.complaint_category as ComplaintCategory, text: r.complaint_text, hasPhoto: r.complaint_has_photo === true }
        : null,
    evidence,
  };
}

export const appealVoidEventId = (id: string): string => `appeal-void-${id}`;

/**
 * Appeals (复核): an enterprise contests one of its events; an inspector accepts (the event is voided
 * through the pipeline, so every day it touched is revised) or rejects with a reason.
 * Object-level rule: an enterprise account sees and files appeals only for its own enterprise.
 */
@Injectable()
export class AppealService {
  constructor(
    private readonly db: Database,
    private readonly appeals: AppealRepository,
    private readonly events: EnforcementEventPublisher,
    private readonly gateway: PublicGateway,
    private readonly notices: CreditNoticeService,
    private readonly audit: AuditLogRepository,
    private readonly evidence: AppealEvidenceRepository,
  ) {}

  async submit(user: AuthUser, body: NewAppealRequest): Promise<AppealJson> {
    const enterpriseId = ownEnterprise(user);
    const event = await this.appeals.findEvent(this.db, enterpriseId, body.eventId);
    // Another enterprise's event is "not found", not "forbidden": its existence is not ours to reveal.
    if (!event) throw new ApiError(404, 'event_not_found', `No event ${body.eventId} of your enterprise`);
    if (NOT_APPEALABLE.has(event.type)) throw new ApiError(400, 'not_appealable', `An event of type ${event.type} cannot be appealed`);
    if (await this.appeals.isVoided(this.db, enterpriseId, event.event_id)) throw new ApiError(409, 'already_voided', `Event ${event.event_id} is already void`);
    // 30 days from the credit notice's date (supervision §3); refused later with the deadline in the message.
    await this.notices.assertAppealOpen(event.event_id);
    const created = await this.appeals.insert(this.db, enterpriseId, event.event_id, body.reasons, user.id);
    if (!created) throw new ApiError(409, 'appeal_pending', `An appeal of event ${event.event_id} is already pending`);
    this.gateway.refresh(enterpriseId);
    return this.get(user, created.id);
  }

  async list(user: AuthUser, query: AppealListQuery): Promise<AppealPage> {
    const enterpriseId = user.role === 'enterprise' ? ownEnterprise(user) : (query.enterpriseId ?? null);
    const rows = await this.appeals.list(this.db, { status: query.status ?? null, enterpriseId, limit: query.limit + 1, afterId: query.after ?? null, scope: scopeOf(user) });
    const page = rows.slice(0, query.limit);
    const files = await this.evidence.listFor(this.db, page.map((r) => r.id));
    const of = (id: string) => files.filter((f) => f.appeal_id === id).map(evidenceJson);
    return { items: page.map((r) => appealJson(r, of(r.id), user.role !== 'enterprise')), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async get(user: AuthUser, id: string): Promise<AppealJson> {
    // A scoped inspector's jurisdiction: an appeal about an enterprise elsewhere is "not found".
    const row = await this.appeals.find(this.db, id, scopeOf(user));
    if (!row || (user.role === 'enterprise' && row.enterprise_id !== user.enterpriseId)) throw new ApiError(404, 'not_found', `No appeal ${id}`);
    return appealJson(row, (await this.evidence.listFor(this.db, [row.id])).map(evidenceJson), user.role !== 'enterprise');
  }

  /** The enterprise attaches evidence to its own pending appeal (another's is "not found"). */
  async attachEvidence(user: AuthUser, id: string, file: { buffer: Buffer; size: number; originalname?: string }): Promise<AppealEvidenceJson> {
    const appeal = await this.get(user, id);
    if (appeal.status !== 'pending') throw new ApiError(409, 'already_decided', `Appeal ${id} is already ${appeal.status}`);
    const accepted = await acceptEvidence(file);
    const stored = await this.evidence.insert(this.db, id, { ...accepted, userId: user.id }, MAX_APPEAL_EVIDENCE_FILES);
    if (!stored) throw new ApiError(409, 'too_many_files', `An appeal takes at most ${MAX_APPEAL_EVIDENCE_FILES} files`);
    return evidenceJson(stored);
  }

  /** Staff (within their jurisdiction) and the appeal's own enterprise only; anyone else gets 404. */
  async evidenceFile(user: AuthUser, id: string, evidenceId: string): Promise<{ file_name: string; content_type: string; bytes: Buffer }> {
    await this.get(user, id);
    const file = await this.evidence.file(this.db, id, evidenceId);
    if (!file) throw new ApiError(404, 'not_found', `No evidence ${evidenceId} of appeal ${id}`);
    return file;
  }

  /** Emits enforcement.voided for the appealed event; its effects disappear from every day. */
  async accept(user: AuthUser, id: string, reason: string | undefined): Promise<AppealJson> {
    const voidEventId = appealVoidEventId(id);
    const decided = await this.appeals.decide(this.db, id, 'accepted', reason ?? null, user.id, voidEventId, scopeOf(user));
    if (!decided) throw await this.notPending(user, id);
    try {
      await this.events.publish({
        eventId: voidEventId,
        type: 'enforcement.voided',
        enterpriseId: decided.enterprise_id,
        data: { targetEventId: decided.event_id, reason: reason ?? `appeal ${id} accepted` },
      });
    } catch (error) {
      await this.appeals.reopen(this.db, id);
      throw error;
    }
    this.gateway.refresh(decided.enterprise_id);
    void this.audit.record({
      action: 'appeal.accepted',
      actor: { id: user.id, username: user.username },
      target: `appeal:${id}`,
      reason: reason ?? null,
      detail: { enterpriseId: decided.enterprise_id, eventId: decided.event_id, voidEventId },
    });
    return this.get(user, id);
  }

  async reject(user: AuthUser, id: string, reason: string): Promise<AppealJson> {
    const decided = await this.appeals.decide(this.db, id, 'rejected', reason, user.id, null, scopeOf(user));
    if (!decided) throw await this.notPending(user, id);
    this.gateway.refresh(decided.enterprise_id);
    void this.audit.record({
      action: 'appeal.rejected',
      actor: { id: user.id, username: user.username },
      target: `appeal:${id}`,
      reason,
      detail: { enterpriseId: decided.enterprise_id, eventId: decided.event_id },
    });
    return this.get(user, id);
  }

  private async notPending(user: AuthUser, id: string): Promise<ApiError> {
    const row = await this.get(user, id);
    return new ApiError(409, 'already_decided', `Appeal ${id} is already ${row.status}`);
  }
}

function ownEnterprise(user: AuthUser): string {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ApiError(403, 'forbidden', 'Only an enterprise account can do this');
  return user.enterpriseId;
}
