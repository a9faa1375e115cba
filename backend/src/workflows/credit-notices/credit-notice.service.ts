import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { dayFromIso, dayOfInstant, isoFromDay, type NoticeFacts as NoticeFactsJson, type NoticeJson, type NoticePage } from '@envface/streams';
import type { AuthUser } from '../../auth/auth-user';
import { scopeOf, type RegionScope } from '../../auth/jurisdiction';
import { ApiError } from '../../platform/web/api-error';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/db/database.service';
import { CLOCK, type Clock } from '../../platform/clock';
import { renderNoticeText, type NoticeEventType, type NoticeFacts, type NoticeRating } from './credit-notice-text';
import { CreditNoticeRepository, type NewNotice, type NoticeRow, type QueuedEventRow, type RevisionRow } from './credit-notice.repository';

export const APPEAL_DAYS = 30;
const SYNC_MS = 2_000;
const BATCH = 500;

function noticeJson(n: NoticeRow): NoticeJson {
  return {
    id: n.id,
    eventId: n.event_id,
    enterpriseId: n.enterprise_id,
    enterpriseName: n.enterprise_name,
    eventType: n.event_type as NoticeEventType,
    eventDay: n.event_day,
    noticeDay: n.notice_day,
    appealDeadline: n.appeal_deadline,
    text: n.text,
    // Written by create() below from NoticeFacts, as stored JSON.
    facts: n.facts as NoticeFactsJson,
    createdAt: n.created_at.toISOString(),
    acknowledgedAt: n.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: n.acknowledged_by,
  };
}

const ratingOf = (r: RevisionRow | undefined): NoticeRating | null => (r ? { day: r.day, score: r.score_tenths / 10, stars: r.stars, face: r.face } : null);

/**
 * Credit notices (环保信用记录告知书): every accepted penalty, inspection with a violation, rectification
 * order and verified complaint gets one, built from the stored event and the rating revisions it caused.
 * The scorer queues every enforcement event (enforcement_event_queue) in the transaction that stores it;
 * a timer takes the queue within seconds, 500 at a time, in one transaction per batch (a handful of
 * statements whatever the batch size); `sync()` can be called to do it at once. Appeals of an event with a notice close 30 days after the notice's date.
 */
@Injectable()
export class CreditNoticeService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notices');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly notices: CreditNoticeRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const tick = (): void => {
      this.timer = setTimeout(() => {
        this.sync()
          .catch((e: unknown) => this.logger.warn(`notice sync failed, retried: ${String(e)}`))
          .finally(tick);
      }, SYNC_MS);
      this.timer.unref();
    };
    tick();
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Creates the missing notices; resolves with how many were created. Concurrent calls share one run. */
  sync(): Promise<number> {
    this.running ??= this.syncOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async syncOnce(): Promise<number> {
    let created = 0;
    for (;;) {
      const { taken, written } = await this.db.transaction('notices.sync', async (tx) => {
        const queued = await this.notices.takeQueued(tx, BATCH);
        const due = queued.filter((r) => r.wanted);
        const revisions = await this.notices.revisionsAround(tx, due.map((r) => ({ enterpriseId: r.enterprise_id, eventId: r.event_id, day: r.event_day! })));
        const ids = await this.notices.reserveIds(tx, due.length);
        const today = dayOfInstant(this.clock.now(), this.config.timeZone);
        const notices: NewNotice[] = [];
        due.forEach((r, i) => {
          try {
            notices.push(this.noticeOf(ids[i]!, r, revisions.get(r.event_id) ?? [], today));
          } catch (e) {
            // One event the text cannot be written for must not hold up every notice after it.
            this.logger.error(`no notice for event ${r.event_id}: ${String(e)}`);
          }
        });
        await this.notices.insert(tx, notices);
        // Taken rows go whether or not they wanted a notice: the queue only holds work not yet looked at.
        await this.notices.dequeue(tx, queued.map((r) => r.event_id));
        return { taken: queued.length, written: notices.length };
      });
      created += written;
      if (taken < BATCH) return created;
    }
  }

  /** The notice of one event, from the rating revisions it caused. */
  private noticeOf(id: number, row: QueuedEventRow, revisions: readonly RevisionRow[], today: number): NewNotice {
    const eventId = row.event_id;
    const eventDay = row.event_day!;
    const type = row.type as NoticeEventType;
    // "After": the first revision the event caused (on or after its day); "before": the one it replaced.
    const causedIndex = revisions.findIndex((r) => r.cause_event_ids.includes(eventId));
    const caused = causedIndex >= 0 ? revisions[causedIndex] : undefined;
    const previous = caused ? revisions.slice(0, causedIndex).reverse().find((r) => r.day === caused.day) : undefined;
    const dayRevisions = revisions.filter((r) => r.day === eventDay);
    const after = caused ?? dayRevisions[dayRevisions.length - 1];
    const before = caused ? previous : after;
    const withEffect = revisions.find((r) => r.effects.some((e) => e.eventId === eventId));
    const effect = withEffect?.effects.find((e) => e.eventId === eventId) ?? null;
    const noticeDay = isoFromDay(today);
    const appealDeadline = isoFromDay(today + APPEAL_DAYS);
    const facts: NoticeFacts = {
      noticeNo: `GZ-${noticeDay.slice(0, 4)}-${String(id).padStart(6, '0')}`,
      enterpriseId: row.enterprise_id,
      enterpriseName: row.enterprise_name,
      eventId,
      eventType: type,
      eventDay,
      data: row.data ?? {},
      effect: effect ? { indicator: effect.indicator, points: effect.points, impact: effect.impact, from: effect.from, until: effect.until, repairable: effect.repairable } : null,
      before: ratingOf(before),
      after: ratingOf(after),
      noticeDay,
      appealDeadline,
    };
    return { id, eventId, enterpriseId: row.enterprise_id, eventType: type, eventDay, noticeDay, appealDeadline, text: renderNoticeText(facts), facts };
  }

  async list(filter: { enterpriseId: string | null; unacknowledged: boolean; scope?: RegionScope; beforeId?: string | null }, limit: number): Promise<NoticePage> {
    return { items: (await this.notices.list(this.db, filter, limit)).map(noticeJson) };
  }

  async get(id: string, user: AuthUser): Promise<NoticeJson> {
    const n = await this.notices.find(this.db, id, scopeOf(user));
    // Another enterprise's notice is "not found": its existence is not ours to reveal.
    if (!n || (user.role === 'enterprise' && n.enterprise_id !== user.enterpriseId)) throw new ApiError(404, 'notice_not_found', `No notice ${id}`);
    return noticeJson(n);
  }

  async acknowledge(id: string, user: AuthUser): Promise<NoticeJson> {
    const n = await this.get(id, user);
    if (n.acknowledgedAt !== null) throw new ApiError(409, 'already_acknowledged', `Notice ${id} was acknowledged at ${n.acknowledgedAt}`);
    const done = await this.notices.acknowledge(this.db, id, user.enterpriseId!, user.username);
    if (!done) throw new ApiError(409, 'already_acknowledged', `Notice ${id} was already acknowledged`);
    return this.get(id, user);
  }

  /** Refuses an appeal filed after the notice's 30 days (none yet: created now, so the appeal is in time). */
  async assertAppealOpen(eventId: string): Promise<void> {
    await this.sync();
    const n = await this.notices.findByEvent(this.db, eventId);
    if (!n) return;
    const today = dayOfInstant(this.clock.now(), this.config.timeZone);
    if (today > dayFromIso(n.appeal_deadline)) {
      throw new ApiError(400, 'appeal_deadline_passed', `The appeal deadline for this record was ${n.appeal_deadline} (30 days from notice ${n.notice_day}); a later appeal cannot be accepted`);
    }
  }
}
