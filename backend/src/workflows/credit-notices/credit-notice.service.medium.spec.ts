import { testUscc, useMediumDatabase } from '../../../../tests/support/medium-database';
import type { AppConfig } from '../../platform/config/app-config';
import { CreditNoticeRepository } from './credit-notice.repository';
import { CreditNoticeService } from './credit-notice.service';

// Medium test: the notice workflow on a real, migrated PostgreSQL, no Nest. The scorer's side (the
// stored event, its rating revisions, the queue row) is seeded with plain SQL: workflows/ does not
// import pipeline/.
const medium = useMediumDatabase();
const config = { timeZone: 'Asia/Shanghai' } as AppConfig;
// 2026-06-10 12:00 in Shanghai.
const clock = { now: () => Date.parse('2026-06-10T04:00:00Z') };
const service = (): CreditNoticeService => new CreditNoticeService(medium().db, new CreditNoticeRepository(), config, clock);

const CRITERIA = '{"E":{"points":0,"subscore":100},"M":{"points":0,"subscore":100},"P":{"points":0,"subscore":100},"S":{"points":0,"subscore":100}}';

async function enterprise(uscc: string, name: string): Promise<void> {
  await medium().db.query('test.enterprise', `INSERT INTO enterprises (uscc, name, registered, region_code, first_day, public_token) VALUES ($1, $2, true, '320412', '2026-06-01', md5($1))`, [uscc, name]);
}

/** A stored enforcement event and its queue row, as the scorer writes them in one transaction. */
async function stored(uscc: string, eventId: string, type: string, data: Record<string, unknown>, occurredAt = '2026-06-09T02:00:00Z'): Promise<void> {
  await medium().db.query(
    'test.event',
    `INSERT INTO events (event_id, enterprise_id, type, occurred_at, event_day, body)
     VALUES ($1, $2, $3, $4, ($4::timestamptz AT TIME ZONE 'Asia/Shanghai')::date,
             jsonb_build_object('eventId', $1::text, 'enterpriseId', $2::text, 'type', $3::text, 'occurredAt', $4::text, 'data', $5::jsonb))`,
    [eventId, uscc, type, occurredAt, JSON.stringify(data)],
  );
  await medium().db.query('test.queue', 'INSERT INTO enforcement_event_queue (event_id, enterprise_id, occurred_at) VALUES ($1, $2, $3)', [eventId, uscc, occurredAt]);
}

async function rating(uscc: string, day: string, revision: number, scoreTenths: number, stars: number, causes: string[], effects: unknown[] = []): Promise<void> {
  await medium().db.query(
    'test.rating',
    `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria, bonus, effects, cause_event_ids)
     VALUES ($1, $2, $3, $4, $5, 'neutral', 'blue', 'good', false, $6::jsonb, 0, $7::jsonb, $8)`,
    [uscc, day, revision, scoreTenths, stars, CRITERIA, JSON.stringify(effects), causes],
  );
}

const queueLength = async (): Promise<number> =>
  Number((await medium().db.query<{ n: string }>('test.queue_length', 'SELECT count(*)::text AS n FROM enforcement_event_queue'))[0]!.n);

describe('CreditNoticeService (medium, real PostgreSQL)', () => {
  const a = testUscc();
  const b = testUscc();

  it('writes one notice per due event from the queue, with the rating before and after, and empties the queue', async () => {
    await enterprise(a, '常州示范化工有限公司');
    await rating(a, '2026-06-09', 1, 950, 5, []);
    const effect = { indicator: 'E1', eventId: 'pen-1', points: 50, impact: -21.9, from: '2026-06-09', until: '2027-06-09', repairable: true };
    await rating(a, '2026-06-09', 2, 731, 3, ['pen-1'], [effect]);
    await stored(a, 'pen-1', 'enforcement.penalty', { decisionNo: '常环罚〔2026〕15号', severity: 'serious', amountYuan: 100000 });
    await stored(a, 'insp-ok', 'enforcement.inspection', { result: 'compliant' });
    await stored(a, 'insp-bad', 'enforcement.inspection', { result: 'violation_found', findings: '废水超标排放' });
    await stored(a, 'pen-void', 'enforcement.penalty', { decisionNo: 'X', severity: 'minor' });
    await stored(a, 'void-1', 'enforcement.voided', { targetEventId: 'pen-void', reason: '复议撤销' });

    expect(await service().sync()).toBe(2);
    expect(await queueLength()).toBe(0);
    const { items } = await service().list({ enterpriseId: a, unacknowledged: false }, 10);
    expect(items.map((n) => n.eventId).sort()).toEqual(['insp-bad', 'pen-1']);
    const penalty = items.find((n) => n.eventId === 'pen-1')!;
    expect(penalty).toMatchObject({ enterpriseName: '常州示范化工有限公司', eventType: 'enforcement.penalty', eventDay: '2026-06-09', noticeDay: '2026-06-10', appealDeadline: '2026-07-10' });
    expect(penalty.facts.before).toMatchObject({ day: '2026-06-09', score: 95, stars: 5 });
    expect(penalty.facts.after).toMatchObject({ day: '2026-06-09', score: 73.1, stars: 3 });
    expect(penalty.facts.effect).toMatchObject({ indicator: 'E1', points: 50, until: '2027-06-09' });
    // The number is the notice's own id: unique, and what the text prints.
    expect(penalty.facts.noticeNo).toBe(`GZ-2026-${penalty.id.padStart(6, '0')}`);
    expect(penalty.text).toContain(penalty.facts.noticeNo);
    // Nothing left to do: a second sync writes nothing.
    expect(await service().sync()).toBe(0);
  });

  it('an event queued twice (a re-drive) or whose notice exists gets no second notice', async () => {
    await medium().db.query('test.queue', `INSERT INTO enforcement_event_queue (event_id, enterprise_id, occurred_at) VALUES ('pen-1', $1, '2026-06-09T02:00:00Z')`, [a]);
    expect(await service().sync()).toBe(0);
    expect(await queueLength()).toBe(0);
  });

  it('two instances share a queue longer than one batch: every event gets exactly one notice, numbers unique', async () => {
    await enterprise(b, '武进污水处理厂');
    const ids = Array.from({ length: 1_200 }, (_, i) => `order-${String(i).padStart(4, '0')}`);
    for (const id of ids) await stored(b, id, 'enforcement.rectification_order', { orderNo: id, dueDate: '2026-07-01' }, '2026-06-09T03:00:00Z');
    const [x, y] = await Promise.all([service().sync(), service().sync()]);
    expect(x + y).toBe(1_200);
    const rows = await medium().db.query<{ n: string; numbers: string }>(
      'test.count',
      `SELECT count(*)::text AS n, count(DISTINCT facts ->> 'noticeNo')::text AS numbers FROM credit_notices WHERE enterprise_id = $1`,
      [b],
    );
    expect(rows[0]).toEqual({ n: '1200', numbers: '1200' });
    expect(await queueLength()).toBe(0);
  });
});
