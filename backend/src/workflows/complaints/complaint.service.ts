import { createHash } from 'node:crypto';
import { profileFor, UNDO_VERIFICATION_MINUTES, type ComplaintAlerts, type ComplaintChallenge as ComplaintChallengeJson, type ComplaintJson, type ComplaintPage, type ComplaintReceipt, type RuleBook } from '@envface/streams';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLogRepository } from '../../auth/audit-log.repository';
import type { AuthUser } from '../../auth/auth-user';
import { scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { RULE_BOOK } from '../../platform/rule-book';
import { PublicViewService } from '../../read/public-view/public-view.service';
import { ComplaintChallenge } from './complaint-challenge';
import { ComplaintRepository, type ComplaintRow } from './complaint.repository';
import type { ComplaintListQuery, NewComplaintRequest } from './complaint-requests';
import { EnforcementEventPublisher } from './enforcement-event.publisher';
import { ComplaintFollowService } from './complaint-follow.service';
import { MAX_PHOTO_BYTES, photoTypeOf, type PhotoType } from './photo-type';
import { reencodePhoto } from './photo-reencoder';

/**
 * Limits of public reports, counted in the database so they hold across instances and restarts.
 * A client past its own limit is refused (429). An enterprise past its volume threshold is never
 * silenced (issue #15 finding 5): its reports are still accepted, flagged for the inspectors, and each
 * needs a solved proof-of-work challenge; crossing the threshold alerts the inspectors.
 */
export const COMPLAINT_LIMITS = {
  perClient: { count: 5, seconds: 10 * 60 },
  highVolume: { count: 30, seconds: 60 * 60 },
} as const;

export interface UploadedPhoto {
  buffer: Buffer;
  size: number;
}

const UNDO_MS = UNDO_VERIFICATION_MINUTES * 60_000;

function complaintJson(r: ComplaintRow, book: RuleBook, now: number): ComplaintJson {
  const profile = profileFor(book, r.industry_code);
  const undoUntil = r.status === 'verified' && r.decided_at ? r.decided_at.getTime() + UNDO_MS : null;
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    category: r.category,
    text: r.text,
    contact: r.contact,
    hasPhoto: r.has_photo,
    status: r.status,
    decisionReason: r.decision_reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    eventId: r.event_id,
    createdAt: r.created_at.toISOString(),
    flagged: r.flagged,
    // What the confirmation tells the inspector, priced by the enterprise's own rule-book profile.
    consequence: {
      indicator: 'S1',
      target: 'S',
      points: profile.points.complaintVerified,
      days: profile.windows.complaint,
      weight: profile.weights.S,
      // Ratings (and so the deduction) show on the enterprise's public QR page.
      public: true,
    },
    undoUntil: undoUntil !== null && now <= undoUntil ? new Date(undoUntil).toISOString() : null,
  };
}

/**
 * The event id of a verification: derived from the complaint, so a retried verification cannot count
 * twice. After an undo (its event is void for good) the next verification is numbered.
 */
export const complaintEventId = (id: string, undone = 0): string => (undone === 0 ? `complaint-verified-${id}` : `complaint-verified-${id}.${undone + 1}`);
/** The enforcement.voided event of an undone verification. */
export const undoEventId = (verifiedEventId: string): string => `${verifiedEventId}.undone`;

/** Reports are counted per client by a hash of its address (the address itself is never stored). */
const clientKeyOf = (clientAddress: string): string => createHash('sha256').update(`envface-complaint:${clientAddress}`).digest('hex');

export const complaintRef = (id: string): string => `CMP-${id}`;

@Injectable()
export class ComplaintService {
  constructor(
    private readonly db: Database,
    private readonly complaints: ComplaintRepository,
    private readonly views: PublicViewService,
    private readonly events: EnforcementEventPublisher,
    private readonly audit: AuditLogRepository,
    private readonly challenges: ComplaintChallenge,
    @Inject(RULE_BOOK) private readonly book: RuleBook,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly follow: ComplaintFollowService,
  ) {}

  private readonly logger = new Logger('Complaints');

  /** Whether a report about this enterprise needs a solved challenge now, and a fresh challenge. */
  async challenge(token: string, clientAddress: string): Promise<ComplaintChallengeJson> {
    const enterprise = await this.views.resolve(token);
    const recent = await this.complaints.recentCounts(this.db, clientKeyOf(clientAddress), enterprise.uscc, COMPLAINT_LIMITS.perClient.seconds, COMPLAINT_LIMITS.highVolume.seconds);
    return { required: recent.enterprise >= COMPLAINT_LIMITS.highVolume.count, challenge: await this.challenges.create() };
  }

  /** Enterprises (inside the caller's jurisdiction) whose reports are being flagged right now. */
  async alerts(scope: RegionScope): Promise<ComplaintAlerts> {
    const rows = await this.complaints.highVolume(this.db, COMPLAINT_LIMITS.highVolume.seconds, scope);
    return {
      windowSeconds: COMPLAINT_LIMITS.highVolume.seconds,
      threshold: COMPLAINT_LIMITS.highVolume.count,
      items: rows.map((r) => ({ enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, reports: r.reports, flagged: r.flagged, firstFlaggedAt: r.first_flagged_at.toISOString() })),
    };
  }

  /** Stores a public report. It changes no rating: only an inspector's verification does. */
  async submit(token: string, body: NewComplaintRequest, photo: UploadedPhoto | null, clientAddress: string): Promise<ComplaintReceipt> {
    const enterprise = await this.views.resolve(token);
    let photoType: PhotoType | null = null;
    let photoBytes: Buffer | null = null;
    if (photo) {
      if (photo.size > MAX_PHOTO_BYTES) throw new ApiError(413, 'too_large', `The photo must be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`);
      photoType = photoTypeOf(photo.buffer);
      if (!photoType) throw new ApiError(400, 'unsupported_photo_type', 'The photo must be a JPEG, PNG or WebP image');
      // Never store what was uploaded: only freshly encoded pixels (no EXIF/GPS, no trailing payload).
      photoBytes = await reencodePhoto(photo.buffer, photoType);
    }
    const clientKey = clientKeyOf(clientAddress);
    // The answer is checked before taking the enterprise's lock (HMAC and one hash); it is only
    // demanded, and spent, when the enterprise turns out to be past its threshold.
    const solved = body.altcha === undefined ? null : await this.challenges.check(body.altcha);
    const stored = await this.db.transaction('complaints.submit', async (tx) => {
      await this.complaints.lockEnterprise(tx, enterprise.uscc);
      const recent = await this.complaints.recentCounts(tx, clientKey, enterprise.uscc, COMPLAINT_LIMITS.perClient.seconds, COMPLAINT_LIMITS.highVolume.seconds);
      if (recent.client >= COMPLAINT_LIMITS.perClient.count) throw new ApiError(429, 'rate_limited', 'Too many reports; try again later');
      const flagged = recent.enterprise >= COMPLAINT_LIMITS.highVolume.count;
      if (flagged) {
        if (solved === null) throw new ApiError(400, 'challenge_required', 'This enterprise is receiving many reports: solve the challenge (GET …/complaints/challenge) and send it as `altcha`');
        if (!solved.ok) throw new ApiError(400, 'challenge_failed', 'The challenge answer is wrong or expired: fetch a new challenge');
        if (!(await this.complaints.spendChallenge(tx, solved.signature))) throw new ApiError(400, 'challenge_failed', 'This challenge was already used: fetch a new one');
      }
      const inserted = await this.complaints.insert(tx, {
        enterpriseId: enterprise.uscc,
        category: body.category,
        text: body.text,
        contact: body.contact && body.contact.length > 0 ? body.contact : null,
        photo: photoBytes,
        photoType,
        clientKey,
        flagged,
      });
      return { ...inserted, firstFlagged: recent.enterprise === COMPLAINT_LIMITS.highVolume.count };
    });
    if (stored.firstFlagged) {
      // The first report past the threshold in the window: tell the inspectors (audit trail, log, and
      // GET /api/complaint-alerts, which the complaint queue shows as a banner).
      this.logger.warn(`complaints about ${enterprise.uscc}: ${COMPLAINT_LIMITS.highVolume.count} within ${COMPLAINT_LIMITS.highVolume.seconds} s, further reports are flagged and need a challenge`);
      void this.audit.record({
        action: 'complaint.high_volume',
        actor: null,
        target: enterprise.uscc,
        reason: null,
        detail: { threshold: COMPLAINT_LIMITS.highVolume.count, windowSeconds: COMPLAINT_LIMITS.highVolume.seconds, firstFlagged: complaintRef(stored.id) },
      });
    }
    // The follow code is shown once, in this answer; only its hash is kept.
    const followCode = await this.follow.issue(stored.id);
    return { id: stored.id, reference: complaintRef(stored.id), receivedAt: stored.created_at.toISOString(), followCode };
  }

  /** `scope`: a scoped inspector's queue holds only complaints about enterprises of their regions. */
  async list(query: ComplaintListQuery, scope: RegionScope = null): Promise<ComplaintPage> {
    const rows = await this.complaints.list(this.db, {
      scope,
      status: query.status ?? null,
      enterpriseId: query.enterpriseId ?? null,
      limit: query.limit + 1,
      afterId: query.after ?? null,
    });
    const page = rows.slice(0, query.limit);
    const now = this.clock.now();
    return { items: page.map((r) => complaintJson(r, this.book, now)), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async get(id: string, scope: RegionScope = null): Promise<ComplaintJson> {
    return complaintJson(await this.find(id, scope), this.book, this.clock.now());
  }

  async photo(id: string, scope: RegionScope = null): Promise<{ photo: Buffer; type: string }> {
    const row = await this.complaints.photo(this.db, id, scope);
    if (!row) throw new ApiError(404, 'not_found', `Complaint ${id} has no photo`);
    return { photo: row.photo, type: row.photo_type };
  }

  /** Marks it verified, then emits enforcement.complaint_verified (S1: 20 points in S for 90 days). */
  async verify(id: string, user: AuthUser, reason: string): Promise<ComplaintJson> {
    const scope = scopeOf(user);
    const eventId = complaintEventId(id, (await this.find(id, scope)).undone_count);
    // decided_at on the app clock: the undo window is measured on it.
    const decided = await this.complaints.decide(this.db, id, 'verified', reason, user.id, eventId, scope, new Date(this.clock.now()));
    if (!decided) throw await this.notPending(id, scope);
    try {
      await this.events.publish({ eventId, type: 'enforcement.complaint_verified', enterpriseId: decided.enterprise_id, data: { complaintId: complaintRef(id) } });
    } catch (error) {
      await this.complaints.reopen(this.db, id);
      throw error;
    }
    void this.audit.record({
      action: 'complaint.verified',
      actor: { id: user.id, username: user.username },
      target: complaintRef(id),
      reason,
      detail: { enterpriseId: decided.enterprise_id, eventId },
    });
    return this.get(id);
  }

  /**
   * Takes back a verification within UNDO_VERIFICATION_MINUTES: the complaint is pending again (so it
   * can be decided properly) and its event is voided through the same publisher, so the deduction
   * disappears from every day like an accepted appeal's.
   */
  async undoVerification(id: string, user: AuthUser, reason: string): Promise<ComplaintJson> {
    const scope = scopeOf(user);
    const row = await this.find(id, scope);
    if (row.status !== 'verified' || !row.event_id || !row.decided_at) throw new ApiError(409, 'not_verified', `Complaint ${id} is ${row.status}, not verified`);
    if (this.clock.now() > row.decided_at.getTime() + UNDO_MS) {
      throw new ApiError(409, 'undo_window_closed', `A verification can only be undone within ${UNDO_VERIFICATION_MINUTES} minutes; appeal the event instead`);
    }
    const undone = await this.complaints.undoVerification(this.db, id, row.event_id);
    if (!undone) throw new ApiError(409, 'not_verified', `Complaint ${id} was changed meanwhile`);
    const voidEventId = undoEventId(row.event_id);
    try {
      await this.events.publish({ eventId: voidEventId, type: 'enforcement.voided', enterpriseId: undone.enterprise_id, data: { targetEventId: row.event_id, reason } });
    } catch (error) {
      await this.complaints.restoreVerification(this.db, id, row);
      throw error;
    }
    void this.audit.record({
      action: 'complaint.verification_undone',
      actor: { id: user.id, username: user.username },
      target: complaintRef(id),
      reason,
      detail: { enterpriseId: undone.enterprise_id, eventId: row.event_id, voidEventId },
    });
    return this.get(id);
  }

  async dismiss(id: string, user: AuthUser, reason: string): Promise<ComplaintJson> {
    const scope = scopeOf(user);
    const decided = await this.complaints.decide(this.db, id, 'dismissed', reason, user.id, null, scope);
    if (!decided) throw await this.notPending(id, scope);
    void this.audit.record({
      action: 'complaint.dismissed',
      actor: { id: user.id, username: user.username },
      target: complaintRef(id),
      reason,
      detail: { enterpriseId: decided.enterprise_id },
    });
    return this.get(id);
  }

  private async find(id: string, scope: RegionScope = null): Promise<ComplaintRow> {
    const row = await this.complaints.find(this.db, id, scope);
    if (!row) throw new ApiError(404, 'not_found', `No complaint ${id}`);
    return row;
  }

  private async notPending(id: string, scope: RegionScope): Promise<ApiError> {
    const row = await this.find(id, scope);
    return new ApiError(409, 'already_decided', `Complaint ${id} is already ${row.status}`);
  }
}
