import { testUscc, useMediumDatabase } from '../../../../tests/support/medium-database';
import { ComparisonRepository } from './comparison.repository';
import { peerPercentile } from './peer-percentile';

// Medium test: the map, peer and quarter SQL on a real, migrated PostgreSQL, compared with plain computations
// over the same seeded rows.
const medium = useMediumDatabase();
const repo = new ComparisonRepository();
let token = 0;

interface Ent { uscc: string; region: string; industry: string; stars: number | null; score: number | null; lat?: number; lon?: number }

async function enterprise(e: Ent): Promise<void> {
  token += 1;
  const rated = e.stars !== null;
  await medium().db.query(
    'test.enterprise',
    `INSERT INTO enterprises (uscc, name, registered, region_code, industry_code, lat, lon, first_day, public_token, rated_day, score_tenths, stars, face, colour, grade, veto, streak)
     VALUES ($1, $1, true, $2, $3, $4, $5, '2026-01-01', $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [e.uscc, e.region, e.industry, e.lat ?? null, e.lon ?? null, `tok${String(token).padStart(22, '0')}`, rated ? '2026-05-10' : null, e.score, e.stars,
      rated ? 'neutral' : null, rated ? 'yellow' : null, rated ? 'good' : null, rated ? false : null, rated ? 0 : null],
  );
}

async function rating(id: string, day: string, revision: number, stars: number, score: number, face = 'neutral'): Promise<void> {
  await medium().db.query(
    'test.rating',
    `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria)
     VALUES ($1, $2, $3, $4, $5, $6, 'yellow', 'good', false, '{}')`,
    [id, day, revision, score, stars, face],
  );
}

let eventSerial = 0;
async function event(id: string, type: string, day: string, data: Record<string, unknown>): Promise<string> {
  eventSerial += 1;
  const eventId = `ev-${eventSerial}`;
  await medium().db.query(
    'test.event',
    `INSERT INTO events (event_id, enterprise_id, type, occurred_at, event_day, body) VALUES ($1, $2, $3, ($4::date + time '08:00') AT TIME ZONE 'Asia/Shanghai', $4::date, jsonb_build_object('eventId', $1::text, 'data', $5::jsonb))`,
    [eventId, id, type, day, JSON.stringify(data)],
  );
  return eventId;
}

/** A deterministic pseudo-random sequence (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('ComparisonRepository (medium, real PostgreSQL)', () => {
  const me = testUscc();
  const group: Ent[] = [];
  const rnd = lcg(7);

  beforeAll(async () => {
    // me: 3 stars, 75.0 in 320115 (江宁区, 南京市), industry 2614
    await enterprise({ uscc: me, region: '320115', industry: '2614', stars: 3, score: 750, lat: 31.9, lon: 118.8 });
    // 40 others spread over the same county / the same city / another city, same or other industry class, with ties
    for (let i = 0; i < 40; i += 1) {
      const region = ['320115', '320115', '320113', '320505'][i % 4]!;
      const industry = i % 3 === 0 ? '2661' : i % 3 === 1 ? '2614' : '2619';
      const stars = i % 10 === 9 ? null : 1 + Math.floor(rnd() * 5);
      const score = stars === null ? null : i % 7 === 0 ? 750 : 500 + Math.floor(rnd() * 500);
      const e: Ent = { uscc: testUscc(), region, industry, stars: stars === null ? null : i % 7 === 0 ? 3 : stars, score, lat: i % 2 ? 32 : undefined, lon: i % 2 ? 118.7 : undefined };
      group.push(e);
      await enterprise(e);
    }
    for (let d = 1; d <= 5; d += 1) {
      const day = `2026-05-0${d}`;
      await rating(me, day, 1, 2, 600);
      if (d === 3) await rating(me, day, 2, 4, 820);
      for (const [i, e] of group.entries()) {
        if (e.stars === null || (i + d) % 5 === 0) continue; // some peers not rated some days
        await rating(e.uscc, day, 1, 1 + ((i + d) % 5), 400 + ((i * 37 + d * 11) % 500));
      }
    }
  });

  const lower = (a: { stars: number; score: number }, b: { stars: number; score: number }) => a.stars < b.stars || (a.stars === b.stars && a.score < b.score);

  it('counts region and industry peers today: strictly lower, ties apart, self and unrated excluded', async () => {
    const self = (await repo.self(medium().db, me))!;
    expect(self).toMatchObject({ region_code: '320115', industry_code: '2614', stars: 3, score_tenths: 750 });
    const check = async (members: Ent[], key: Parameters<ComparisonRepository['peersToday']>[2]) => {
      const rated = members.filter((e) => e.stars !== null).map((e) => ({ stars: e.stars!, score: e.score! }));
      const mine = { stars: 3, score: 750 };
      const expected = { peers: rated.length, below: rated.filter((r) => lower(r, mine)).length, ties: rated.filter((r) => r.stars === 3 && r.score === 750).length };
      const got = await repo.peersToday(medium().db, self, key);
      expect(got).toEqual(expected);
      return got;
    };
    const region = await check(group.filter((e) => e.region === '320115'), { kind: 'region', regionCode: '320115' });
    const industry = await check(group.filter((e) => e.region.startsWith('3201') && e.industry.startsWith('261')), { kind: 'industry', city: '3201', industryClass: '261' });
    expect(region.peers).toBeGreaterThan(5);
    expect(region.ties).toBeGreaterThan(0);
    expect(industry.peers).toBeGreaterThan(region.peers - 10);
    expect(peerPercentile(region.below, region.peers)).toBe(Math.floor((100 * region.below) / region.peers));
  });

  it('computes the daily line from the latest revision of each day, peers rated that day only', async () => {
    const members = group.filter((e) => e.region === '320115');
    const got = await repo.peersByDay(medium().db, me, { kind: 'region', regionCode: '320115' }, '2026-05-02', '2026-05-04');
    const expected = ['2026-05-02', '2026-05-03', '2026-05-04'].map((day) => {
      const d = Number(day.slice(-1));
      const mine = d === 3 ? { stars: 4, score: 820 } : { stars: 2, score: 600 };
      const peers = members
        .map((e) => ({ e, i: group.indexOf(e) }))
        .filter(({ e, i }) => e.stars !== null && (i + d) % 5 !== 0)
        .map(({ i }) => ({ stars: 1 + ((i + d) % 5), score: 400 + ((i * 37 + d * 11) % 500) }));
      return { day, peers: peers.length, below: peers.filter((p) => lower(p, mine)).length, ties: peers.filter((p) => p.stars === mine.stars && p.score === mine.score).length };
    });
    expect(got).toEqual(expected);
    expect(got[1]!.below).toBeGreaterThan(got[0]!.below); // revision 2 of the 3rd (4★) counts, not revision 1 (2★)
  });

  it('folds past days into the same ranks as the direct computation, and says which days are due', async () => {
    const db = medium().db;
    // a region peer rated exactly like me on the 5th (latest revision): a tie, not below
    await rating(group[1]!.uscc, '2026-05-05', 2, 2, 600);
    expect(await repo.foldDaysDue(db, '2026-05-01', '2026-05-05', 10)).toEqual(['2026-05-05', '2026-05-04', '2026-05-03', '2026-05-02', '2026-05-01']);
    for (const day of ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']) {
      await db.transaction('test.fold', async (tx) => {
        expect(await repo.tryPeerFoldLock(tx)).toBe(true);
        expect(await repo.foldPeerDay(tx, day)).toBeGreaterThan(10);
      });
    }
    expect(await repo.foldDaysDue(db, '2026-05-01', '2026-05-05', 10)).toEqual([]);
    const folded = await repo.foldedPeerDays(db, me, '2026-05-01', '2026-05-05');
    const region = await repo.peersByDay(db, me, { kind: 'region', regionCode: '320115' }, '2026-05-01', '2026-05-05');
    const industry = await repo.peersByDay(db, me, { kind: 'industry', city: '3201', industryClass: '261' }, '2026-05-01', '2026-05-05');
    expect(folded.map((f) => [f.day, f.region_below, f.region_peers])).toEqual(region.map((r) => [r.day, r.below, r.peers]));
    expect(folded.map((f) => [f.day, f.industry_below, f.industry_peers])).toEqual(industry.map((r) => [r.day, r.below, r.peers]));
    // a peer of the same day rated the same is not below (rank with ties)
    expect(region[4]!.ties).toBeGreaterThan(0);
    await db.transaction('test.drop', (tx) => repo.dropPeerDaysBefore(tx, '2026-05-03'));
    expect((await repo.foldedPeerDays(db, me, '2026-05-01', '2026-05-05')).map((f) => f.day)).toEqual(['2026-05-03', '2026-05-04', '2026-05-05']);
  });

  it('aggregates regions and lists points worst first', async () => {
    const regions = await repo.regionStars(medium().db, null);
    const all = [{ region: '320115', stars: 3, score: 750 }, ...group];
    for (const code of ['320115', '320113', '320505']) {
      const members = all.filter((e) => e.region === code);
      const rated = members.filter((e) => e.stars !== null);
      const row = regions.find((r) => r.region_code === code)!;
      expect(row.enterprises).toBe(members.length);
      expect(row.rated).toBe(rated.length);
      expect([row.s1, row.s2, row.s3, row.s4, row.s5]).toEqual([1, 2, 3, 4, 5].map((s) => rated.filter((e) => e.stars === s).length));
      expect(row.mean_score_tenths).toBeCloseTo(rated.reduce((a, e) => a + e.score!, 0) / rated.length, 6);
    }
    // A jurisdiction of 3201 (Nanjing) leaves Suzhou's 320505 out of the regions.
    expect((await repo.regionStars(medium().db, ['3201%'])).map((r) => r.region_code)).not.toContain('320505');
    const { points, total } = await repo.mapPoints(medium().db, 5, null);
    const scoped = await repo.mapPoints(medium().db, 100, ['320505%']);
    expect(scoped.points.every((p) => p.region_code === '320505')).toBe(true);
    expect(scoped.total).toBe(scoped.points.length);
    const located = [{ stars: 3, score: 750 }, ...group.filter((e) => e.lat !== undefined && e.stars !== null).map((e) => ({ stars: e.stars!, score: e.score! }))];
    expect(total).toBe(located.length);
    expect(points).toHaveLength(5);
    expect(points.map((p) => p.stars)).toEqual(located.map((p) => p.stars).sort((a, b) => a - b).slice(0, 5));
  });

  it('builds quarters equal to a plain computation, voided events left out', async () => {
    const id = testUscc();
    const days: { day: string; stars: number; face: string }[] = [];
    for (let i = 0; i < 200; i += 3) {
      const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
      const stars = 1 + ((i * 7) % 5);
      const face = stars >= 4 ? 'smile' : stars === 3 ? 'neutral' : 'cry';
      await rating(id, day, 1, 5, 950, 'smile'); // superseded
      await rating(id, day, 2, stars, stars * 180, face);
      days.push({ day, stars, face });
    }
    const evs: { day: string; type: string; data: Record<string, unknown>; voided?: boolean }[] = [
      { day: '2026-01-10', type: 'enforcement.inspection', data: { inspectionId: 'i1', result: 'compliant' } },
      { day: '2026-02-10', type: 'enforcement.inspection', data: { inspectionId: 'i2', result: 'violation_found' } },
      { day: '2026-02-11', type: 'enforcement.penalty', data: { caseNo: 'c1', severity: 'minor', amountYuan: 12000.5, violation: 'x' } },
      { day: '2026-04-11', type: 'enforcement.penalty', data: { caseNo: 'c2', severity: 'serious', amountYuan: 300000, violation: 'y' } },
      { day: '2026-04-12', type: 'enforcement.penalty', data: { caseNo: 'c3', severity: 'minor', amountYuan: 5000, violation: 'z' }, voided: true },
      { day: '2026-05-01', type: 'enforcement.rectification_order', data: { orderNo: 'o1', deadline: '2026-06-01' } },
      { day: '2026-05-02', type: 'enforcement.complaint_verified', data: { complaintId: 'k1' } },
      { day: '2026-06-30', type: 'enforcement.veto', data: { reason: 'environmental_crime' } },
      { day: '2026-07-01', type: 'monitoring.gap', data: { pointId: 'p', hours: 2 } },
    ];
    for (const e of evs) {
      const eventId = await event(id, e.type, e.day, e.data);
      if (e.voided) await event(id, 'enforcement.voided', '2026-04-20', { targetEventId: eventId, reason: 'wrong' });
    }
    const quarterOf = (day: string) => `${day.slice(0, 4)}-${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    const ratings = await repo.quarterRatings(medium().db, id, '2026-01-01', '2026-12-31');
    const qs = [...new Set(days.map((d) => quarterOf(d.day)))];
    expect(ratings.map((r) => r.quarter_start)).toEqual(qs);
    for (const r of ratings) {
      const inQ = days.filter((d) => quarterOf(d.day) === r.quarter_start);
      expect(r.rated_days).toBe(inQ.length);
      expect(r.min_stars).toBe(Math.min(...inQ.map((d) => d.stars)));
      expect(r.mean_stars).toBeCloseTo(inQ.reduce((a, d) => a + d.stars, 0) / inQ.length, 9);
      expect([r.smile_days, r.neutral_days, r.cry_days]).toEqual(['smile', 'neutral', 'cry'].map((f) => inQ.filter((d) => d.face === f).length));
    }
    const events = await repo.quarterEvents(medium().db, id, '2026-01-01', '2026-12-31');
    const expected = [...new Set(evs.filter((e) => e.type.startsWith('enforcement.')).map((e) => quarterOf(e.day)))].map((q) => {
      const inQ = evs.filter((e) => quarterOf(e.day) === q && !e.voided);
      const n = (t: string) => inQ.filter((e) => e.type === t).length;
      return {
        quarter_start: q,
        inspections: n('enforcement.inspection'),
        violations: inQ.filter((e) => e.type === 'enforcement.inspection' && e.data.result === 'violation_found').length,
        penalties: n('enforcement.penalty'),
        penalty_yuan: inQ.filter((e) => e.type === 'enforcement.penalty').reduce((a, e) => a + (e.data.amountYuan as number), 0),
        orders: n('enforcement.rectification_order'),
        verified_complaints: n('enforcement.complaint_verified'),
        vetoes: n('enforcement.veto'),
      };
    });
    expect(events).toEqual(expected);
    expect(events.find((e) => e.quarter_start === '2026-04-01')!.penalties).toBe(1);
  });
});
