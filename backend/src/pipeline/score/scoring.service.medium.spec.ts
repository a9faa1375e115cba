import { defaultRuleBook, withUsccCheck } from '@envface/streams';
import { Registry } from 'prom-client';
import { useMediumDatabase } from '../../../../tests/support/medium-database';
import { fixedClock } from '../../platform/clock';
import { loadConfig } from '../../platform/config/app-config';
import { ListMembershipRepository } from '../lists/list-membership.repository';
import { ListMembershipService } from '../lists/list-membership.service';
import { CopiedRatingRepository } from '../outbox/copied-rating.repository';
import { OutboxDrainer } from '../outbox/outbox-drainer.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { BatchProcessor } from './batch-processor';
import { BatchSplitter } from './batch-splitter';
import { DeadLetterRepository } from './dead-letter.repository';
import { EnterpriseRepository } from './enterprise.repository';
import { EventRepository } from './event.repository';
import { GroupCommitQueue } from './group-commit-queue';
import type { IncomingMessage } from './incoming-message';
import { LedgerCache } from './ledger-cache';
import { RatingRepository } from './rating.repository';
import { Rerater } from './rerater';
import { ScoringService } from './scoring.service';

// Medium test: the scorer wired by hand with its real repositories (no Nest) on a real, migrated
// PostgreSQL: one batch in, stored events, ratings with revisions, the current rating and the outbox out.
const medium = useMediumDatabase();
const USCC = '91320111MHKYP0CRUB';
const NOW = '2026-03-15T12:00:00+08:00';

/** The list service of the latest buildScorer() (to watch what the scorer hands it). */
let lastLists: ListMembershipService | undefined;

function buildScorer(): ScoringService {
  const db = medium().db;
  const config = loadConfig({});
  const clock = fixedClock(NOW);
  const registry = new Registry();
  const events = new EventRepository();
  const enterprises = new EnterpriseRepository();
  const deadLetters = new DeadLetterRepository();
  const outbox = new OutboxRepository();
  const drainer = new OutboxDrainer(db, outbox, new CopiedRatingRepository(), []);
  const ledgers = new LedgerCache(events, config, defaultRuleBook());
  const lists = new ListMembershipService(db, new ListMembershipRepository(), outbox, defaultRuleBook(), config.timeZone, clock);
  lastLists = lists;
  const rerater = new Rerater(ledgers, new RatingRepository(), enterprises, outbox, config, lists);
  const processor = new BatchProcessor(db, events, enterprises, deadLetters, outbox, drainer, ledgers, rerater, config, clock);
  const splitter = new BatchSplitter(processor, db, deadLetters, outbox, drainer, config, clock, registry);
  return new ScoringService(new GroupCommitQueue(splitter, registry), processor, ledgers);
}

function message(topicKind: IncomingMessage['topicKind'], offset: number, body: Record<string, unknown> | string): IncomingMessage {
  return {
    topicKind, topic: `envface.${topicKind}.v1`, partition: 0, offset: String(offset), key: USCC,
    value: typeof body === 'string' ? body : JSON.stringify({ enterpriseId: USCC, source: 'medium-test', ...body }),
  };
}

const batch: IncomingMessage[] = [
  message('registry', 1, {
    eventId: 'med-upsert-1', type: 'enterprise.upserted', occurredAt: '2026-03-01T09:00:00+08:00',
    data: { name: '企业测试', regionCode: '320111', industryCode: 'C3130', lat: 32.9, lon: 119.0 },
  }),
  message('enforcement', 2, {
    eventId: 'med-penalty-1', type: 'enforcement.penalty', occurredAt: '2026-03-10T10:00:00+08:00',
    data: { caseNo: 'CASE-MED-1', severity: 'general', amountYuan: 632937, violation: '超标排放', publicText: '责令改正并处罚款' },
  }),
  message('monitoring', 3, '{not json'),
];

describe('ScoringService wired by hand (medium, real PostgreSQL)', () => {
  it('scores one batch: events stored once, a rating per day from the first day to today, the current rating, outbox and dead letter', async () => {
    const scorer = buildScorer();
    const result = await scorer.processBatch(batch);
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(0);
    expect(result.rejected).toEqual([expect.objectContaining({ index: 2, reason: 'invalid_json' })]);
    expect(result.revisions).toBe(15); // 2026-03-01 … 2026-03-15

    const db = medium().db;
    const days = await db.query<{ day: string; revision: number; stars: number; score_tenths: number }>(
      'test.days', `SELECT day::text AS day, revision, stars, score_tenths FROM daily_ratings WHERE enterprise_id = $1 ORDER BY day, revision`, [USCC],
    );
    expect(days).toHaveLength(15);
    expect(days[0]!.day).toBe('2026-03-01');
    expect(days.at(-1)!.day).toBe('2026-03-15');
    expect(days.every((d) => d.revision === 1)).toBe(true);
    // The penalty of 03-10 costs points from that day on.
    const before = days.find((d) => d.day === '2026-03-09')!.score_tenths;
    const after = days.find((d) => d.day === '2026-03-10')!.score_tenths;
    expect(after).toBeLessThan(before);

    const [enterprise] = await db.query<{ name: string; registered: boolean; rated_day: string; stars: number; first_day: string }>(
      'test.enterprise', 'SELECT name, registered, rated_day::text AS rated_day, stars, first_day::text AS first_day FROM enterprises WHERE uscc = $1', [USCC],
    );
    expect(enterprise).toEqual({ name: '企业测试', registered: true, rated_day: '2026-03-15', stars: days.at(-1)!.stars, first_day: '2026-03-01' });

    const stored = await db.query<{ event_id: string }>('test.events', 'SELECT event_id FROM events ORDER BY occurred_at');
    expect(stored.map((e) => e.event_id)).toEqual(['med-upsert-1', 'med-penalty-1']);
    const outbox = await db.query<{ kind: string; n: number }>('test.outbox', 'SELECT kind, count(*)::int AS n FROM outbox GROUP BY kind ORDER BY kind');
    expect(outbox).toEqual(expect.arrayContaining([{ kind: 'dlq', n: 1 }, { kind: 'ratings', n: 15 }]));
    const letters = await db.query<{ reason: string; kafka_offset: string }>('test.letters', 'SELECT reason, kafka_offset FROM dead_letters');
    expect(letters).toEqual([{ reason: 'invalid_json', kafka_offset: '3' }]);

    // The trend's star counts: one enterprise with each day's stars.
    const counts = await db.query<{ day: string; stars: number; n: number }>(
      'test.trend', 'SELECT day::text AS day, stars, sum(delta)::int AS n FROM rating_day_count_deltas GROUP BY day, stars HAVING sum(delta) <> 0 ORDER BY day',
    );
    expect(counts).toEqual(days.map((d) => ({ day: d.day, stars: d.stars, n: 1 })));
  });

  it('a redelivered batch writes nothing new (events once, no revision, the dead letter once)', async () => {
    const scorer = buildScorer(); // a fresh instance: its ledger cache is rebuilt from the stored events
    const result = await scorer.processBatch(batch);
    expect(result).toMatchObject({ accepted: 0, duplicates: 2, revisions: 0 });
    const [counts] = await medium().db.query<{ ratings: number; letters: number; events: number }>(
      'test.counts',
      `SELECT (SELECT count(*)::int FROM daily_ratings) AS ratings, (SELECT count(*)::int FROM dead_letters) AS letters, (SELECT count(*)::int FROM events) AS events`,
    );
    expect(counts).toEqual({ ratings: 15, letters: 1, events: 2 });
    const [trend] = await medium().db.query<{ n: number }>('test.trend', 'SELECT sum(delta)::int AS n FROM rating_day_count_deltas');
    expect(trend!.n).toBe(15);
  });

  it('two copies of a body that conflicts with the stored one are both conflicts in one batch, as one at a time', async () => {
    const scorer = buildScorer();
    const changed = {
      eventId: 'med-penalty-1', type: 'enforcement.penalty', occurredAt: '2026-03-10T10:00:00+08:00',
      data: { caseNo: 'CASE-MED-1', severity: 'serious', amountYuan: 1, violation: '另一内容', publicText: '另一内容' },
    };
    const result = await scorer.processBatch([message('enforcement', 20, changed), message('enforcement', 21, changed)]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ index: 0, reason: 'duplicate_conflict' }),
      expect.objectContaining({ index: 1, reason: 'duplicate_conflict' }),
    ]);
    const letters = await medium().db.query<{ kafka_offset: string }>('test.letters', `SELECT kafka_offset FROM dead_letters WHERE reason = 'duplicate_conflict' ORDER BY kafka_offset`);
    expect(letters.map((l) => l.kafka_offset)).toEqual(['20', '21']);
  });

  it('after a conflicting body, a re-send of the stored body in the same batch is a duplicate, not a conflict', async () => {
    const scorer = buildScorer();
    const stored = batch[1]!;
    const other = message('enforcement', 30, {
      eventId: 'med-penalty-1', type: 'enforcement.penalty', occurredAt: '2026-03-10T10:00:00+08:00',
      data: { caseNo: 'CASE-MED-1', severity: 'serious', amountYuan: 2, violation: '又一内容', publicText: '又一内容' },
    });
    const result = await scorer.processBatch([other, { ...stored, offset: '31' }]);
    expect(result.rejected).toEqual([expect.objectContaining({ index: 0, reason: 'duplicate_conflict' })]);
    expect(result.duplicates).toBe(1);
  });

  it('a later event revising past days moves their trend counts: −1 for the old stars, +1 for the new', async () => {
    const scorer = buildScorer();
    const result = await scorer.processBatch([
      message('enforcement', 4, {
        eventId: 'med-veto-1', type: 'enforcement.penalty', occurredAt: '2026-03-12T10:00:00+08:00',
        data: { caseNo: 'CASE-MED-2', severity: 'serious', amountYuan: 2000000, violation: '超标排放', publicText: '责令停产整治' },
      }),
    ]);
    expect(result.accepted).toBe(1);
    expect(result.revisions).toBeGreaterThan(0);
    const latest = await medium().db.query<{ day: string; stars: number }>(
      'test.latest',
      `SELECT DISTINCT ON (day) day::text AS day, stars FROM daily_ratings WHERE enterprise_id = $1 ORDER BY day, revision DESC`,
      [USCC],
    );
    const counts = await medium().db.query<{ day: string; stars: number; n: number }>(
      'test.trend', 'SELECT day::text AS day, stars, sum(delta)::int AS n FROM rating_day_count_deltas GROUP BY day, stars HAVING sum(delta) <> 0 ORDER BY day',
    );
    expect(counts).toEqual(latest.map((d) => ({ day: d.day, stars: d.stars, n: 1 })));
  });

  it('credit lists are recomputed only for revisions that can move them: not for a score move within the band', async () => {
    const id = withUsccCheck('91320412MA1L7TXK0');
    const at = (offset: number, body: Record<string, unknown>): IncomingMessage => ({
      ...message(body.type === 'enterprise.upserted' ? 'registry' : String(body.type).startsWith('monitoring') ? 'monitoring' : 'enforcement', offset, {}),
      key: id,
      value: JSON.stringify({ enterpriseId: id, source: 'medium-test', ...body }),
    });
    await buildScorer().processBatch([
      at(10, { eventId: 'lists-upsert', type: 'enterprise.upserted', occurredAt: '2026-03-01T09:00:00+08:00', data: { name: '名单测试', regionCode: '320412', industryCode: 'C3130' } }),
    ]);
    const scorer = buildScorer();
    const handed = jest.spyOn(lastLists!, 'afterRevisions');
    // One hourly reading over its limit today: a new revision of today, still 5★ and far above 90 + 2.
    const reading = await scorer.processBatch([
      at(11, { eventId: 'lists-reading', type: 'monitoring.reading', occurredAt: '2026-03-15T09:00:00+08:00', data: { pointId: 'P1', pollutant: 'COD', value: 80, limit: 50 } }),
    ]);
    expect(reading.revisions).toBe(1);
    const [today] = await medium().db.query<{ stars: number; score_tenths: number }>(
      'test.today', `SELECT stars, score_tenths FROM daily_ratings WHERE enterprise_id = $1 AND day = '2026-03-15' ORDER BY revision DESC LIMIT 1`, [id],
    );
    expect(today!.stars).toBe(5);
    expect(today!.score_tenths).toBeLessThan(1000);
    expect(today!.score_tenths).toBeGreaterThan(920);
    expect(handed).toHaveBeenCalledTimes(1);
    expect(handed.mock.calls[0]![1]).toEqual([]);
    // A serious penalty drops the stars: that revision is handed over, and the lists move (warning).
    await scorer.processBatch([
      at(12, { eventId: 'lists-penalty', type: 'enforcement.penalty', occurredAt: '2026-03-15T10:00:00+08:00', data: { caseNo: 'CASE-L-1', severity: 'serious', amountYuan: 300000, violation: '超标排放', publicText: '处罚' } }),
    ]);
    expect(handed).toHaveBeenCalledTimes(2);
    expect(handed.mock.calls[1]![1]).toEqual([{ enterpriseId: id, day: '2026-03-15' }]);
    const lists = await medium().db.query<{ list: string }>('test.lists', 'SELECT list FROM list_memberships WHERE enterprise_id = $1 AND to_day IS NULL ORDER BY list', [id]);
    expect(lists.map((l) => l.list)).toContain('warning');
  });
});
