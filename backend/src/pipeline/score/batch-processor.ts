import { Inject, Injectable } from '@nestjs/common';
import {
  dayOfInstant,
  eventBodyHash,
  isoFromDay,
  toScoringEvent,
  validateMessage,
  type ContractEvent,
  type ScoringEvent,
} from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { CLOCK, type Clock } from '../../platform/clock';
import { Database } from '../../platform/db/database.service';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { deadLetterOf, dlqPayload, type GroupResult, type Outcome } from './batch-outcome';
import { DeadLetterRepository, type DeadLetter } from './dead-letter.repository';
import { EnterpriseRepository, type RegistrationRow } from './enterprise.repository';
import { EventRepository } from './event.repository';
import type { IncomingMessage } from './incoming-message';
import { LedgerCache } from './ledger-cache';
import { Rerater, type AffectedRanges } from './rerater';

/** A test-only hook: throws for a message to make its processing fail deterministically. Never set in production. */
export type FaultInjector = (event: ContractEvent) => void;

interface Admitted {
  index: number;
  msg: IncomingMessage;
  event: ContractEvent;
  hash: Buffer;
  se: ScoringEvent;
}

/**
 * One batch of input messages in ONE transaction: validate at the edge, store each event once,
 * apply it to the enterprise's in-memory ledger, re-rate exactly the affected days, append a revision
 * for every day whose rating changed, and queue the changes and dead letters in the outbox. The
 * committed outbox ids go to the drainer.
 */
@Injectable()
export class BatchProcessor {
  private faultInjector: FaultInjector | null = null;

  constructor(
    private readonly db: Database,
    private readonly events: EventRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxRepository,
    private readonly drainer: OutboxDrainer,
    private readonly ledgers: LedgerCache,
    private readonly rerater: Rerater,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Tests only: make processing fail deterministically for chosen events (null removes the hook). */
  setFaultInjector(injector: FaultInjector | null): void {
    this.faultInjector = injector;
  }

  async process(messages: readonly IncomingMessage[]): Promise<GroupResult> {
    const nowMs = this.clock.now();
    const tz = this.config.timeZone;
    const today = dayOfInstant(nowMs, tz);
    const dead: { index: number; letter: DeadLetter }[] = [];
    const admitted: Admitted[] = [];
    messages.forEach((msg, index) => {
      const v = validateMessage(msg, nowMs);
      if (!v.ok) dead.push({ index, letter: deadLetterOf(msg, v.reason, v.detail) });
      else admitted.push({ index, msg, event: v.event, hash: eventBodyHash(v.event), se: toScoringEvent(v.event, tz) });
    });

    const touched = new Set<string>();
    const outboxIds: string[] = [];
    try {
      const result = await this.db.transaction('scoring.batch', async (tx) => {
        // 1. Each eventId once: the first body stays; identical re-sends are duplicates, others conflicts.
        const firstInBatch = new Map<string, Admitted>();
        const candidates: Admitted[] = [];
        // Later messages with an eventId seen earlier in the batch: judged below against the body that
        // stays (the batch's first if it is accepted, else the stored one), as one message at a time would be.
        const later: Admitted[] = [];
        for (const a of admitted) {
          if (firstInBatch.has(a.event.eventId)) later.push(a);
          else {
            firstInBatch.set(a.event.eventId, a);
            candidates.push(a);
          }
        }
        const claimed = await this.events.claimIds(
          tx,
          candidates.map((a) => ({ eventId: a.event.eventId, enterpriseId: a.event.enterpriseId, bodySha256: a.hash, occurredAt: a.event.occurredAt, sentBy: a.msg.sentBy ?? null })),
        );
        const known = await this.events.hashesOf(tx, candidates.filter((a) => !claimed.has(a.event.eventId)).map((a) => a.event.eventId));
        const fresh: Admitted[] = [];
        const conflict = (a: Admitted) => dead.push({ index: a.index, letter: deadLetterOf(a.msg, 'duplicate_conflict', `eventId ${a.event.eventId} was already accepted with another body`) });
        for (const a of candidates) {
          if (claimed.has(a.event.eventId)) fresh.push(a);
          else if (!known.get(a.event.eventId)?.equals(a.hash)) conflict(a);
        }
        for (const a of later) {
          const id = a.event.eventId;
          const kept = claimed.has(id) ? firstInBatch.get(id)!.hash : known.get(id);
          // The same body as the one that stays: a duplicate (the default outcome); any other: a conflict.
          if (!kept?.equals(a.hash)) conflict(a);
        }

        // 2. Enterprises: create unknown ones, lock the rows, make sure each ledger has seen every stored event.
        const firstDays = new Map<string, number>();
        for (const a of fresh) {
          const d = firstDays.get(a.event.enterpriseId);
          if (d === undefined || a.se.day < d) firstDays.set(a.event.enterpriseId, a.se.day);
        }
        const added = new Map<string, number>();
        for (const a of fresh) added.set(a.event.enterpriseId, (added.get(a.event.enterpriseId) ?? 0) + 1);
        for (const id of firstDays.keys()) touched.add(id);
        const locked = await this.enterprises.claim(
          tx,
          [...firstDays].map(([id, day]) => ({ uscc: id, firstDay: isoFromDay(day), newEvents: added.get(id)! })),
          // A cached ledger means the enterprise is stored: no insert attempt for it.
          this.ledgers.counts,
        );
        await this.ledgers.sync(tx, locked);

        // 3. Store and apply.
        await this.events.insert(
          tx,
          fresh.map((a) => ({
            eventId: a.event.eventId,
            enterpriseId: a.event.enterpriseId,
            type: a.event.type,
            occurredAt: a.event.occurredAt,
            eventDay: isoFromDay(a.se.day),
            body: a.event,
            topic: a.msg.topic,
            partition: a.msg.partition,
            offset: a.msg.offset,
          })),
        );
        const ranges: AffectedRanges = new Map();
        const registrations: RegistrationRow[] = [];
        for (const a of fresh) {
          const id = a.event.enterpriseId;
          this.faultInjector?.(a.event);
          const { affected } = this.ledgers.engine.ledgerFor(id).apply(a.se);
          const entry = ranges.get(id) ?? { range: null, causes: [] };
          if (affected) {
            entry.range = entry.range
              ? { from: Math.min(entry.range.from, affected.from), until: entry.range.until === null || affected.until === null ? null : Math.max(entry.range.until, affected.until) }
              : affected;
            entry.causes.push({ id: a.event.eventId, range: affected });
          }
          ranges.set(id, entry);
          if (a.event.type === 'enterprise.upserted') {
            const d = a.event.data;
            registrations.push({ uscc: id, name: d.name, regionCode: d.regionCode, industryCode: d.industryCode, address: d.address ?? null, lat: d.lat ?? null, lon: d.lon ?? null, occurredAt: a.event.occurredAt, eventId: a.event.eventId });
          }
        }
        await this.enterprises.register(tx, registrations);

        // 4. Re-rate the affected days; a day whose rating changed gets a new revision.
        const revisions = await this.rerater.rerate(tx, ranges, locked, today, nowMs, outboxIds);

        const newLetters = await this.deadLetters.add(tx, dead.filter((d) => !messages[d.index]!.redrive).map((d) => d.letter));
        outboxIds.push(...(await this.outbox.add(tx, newLetters.map((letter) => ({ kind: 'dlq', key: letter.key, payload: dlqPayload(letter, nowMs, this.config.timeZone) })))));
        for (const [id, n] of added) this.ledgers.counts.set(id, locked.get(id)!.eventCountBefore + n);
        // Every message neither accepted nor rejected is an identical duplicate.
        const outcomes: Outcome[] = messages.map(() => ({ kind: 'duplicate' }));
        for (const a of fresh) outcomes[a.index] = { kind: 'accepted' };
        for (const d of dead) outcomes[d.index] = { kind: 'rejected', reason: d.letter.reason, detail: d.letter.detail };
        return { outcomes, revisions };
      });
      this.drainer.enqueue(outboxIds);
      return result;
    } catch (error) {
      // The transaction rolled back but ledgers may have applied events: drop them, the database is the truth.
      this.ledgers.drop(touched);
      throw error;
    }
  }
}
