import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { dayFromIso, defaultRuleBook, isoFromDay, parseStreamFile, topicName, valueBytes } from '@envface/streams';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import type { IncomingMessage } from '../../backend/src/pipeline/score/incoming-message';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { RatingCountFolder } from '../../backend/src/read/stats/rating-count-folder.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { messagesOf } from '../support/sample-messages';

/**
 * The inspectors' query API (enterprise list and detail, dashboard statistics, dead letters) after the
 * sample stream went through the scoring pipeline on a real PostgreSQL. Expected numbers are derived
 * here from the expected ratings file, not from the database the API reads.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
interface ExpectedDay {
  day: string;
  score: number;
  stars: number;
  face: string;
  colour: string;
  grade: string;
  veto: boolean;
}
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-2026-03-15.json'), 'utf8')) as {
  now: string;
  accepted: number;
  dlq: Record<string, number>;
  ratings: Record<string, ExpectedDay[]>;
};
const TODAY = '2026-03-15';
const YESTERDAY = '2026-03-14';
const ADMIN_PASSWORD = 'query-Admin-pw-1';
const USER_PASSWORD = 'query-User-pw-1';
const STARS = ['1', '2', '3', '4', '5'] as const;
const ids = Object.keys(expected.ratings);
const lastDay = (id: string): ExpectedDay => expected.ratings[id]!.at(-1)!;
const dayOf = (id: string, day: string): ExpectedDay | undefined => expected.ratings[id]!.find((d) => d.day === day);

function starCounts(days: readonly (ExpectedDay | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const d of days) if (d) counts[String(d.stars)]! += 1;
  return counts;
}

/** Early warnings by the model's rules (docs/rating-rules.md), from the expected ratings; overdue orders need the effects. */
function expectedWarnings(id: string, overdue: boolean): string[] {
  const t = defaultRuleBook().defaultProfile.thresholds;
  const kinds: string[] = [];
  const today = dayOf(id, TODAY)!;
  const threshold = [0, 0, t.two, t.three, t.four, t.five][today.stars]!;
  if (!today.veto && today.stars > 1 && Math.round(today.score * 10) - threshold <= 20) kinds.push('near_threshold');
  const d = dayFromIso(TODAY);
  for (let k = d - 6; k <= d; k++) {
    const cur = dayOf(id, isoFromDay(k));
    const prev = dayOf(id, isoFromDay(k - 1));
    if (cur && prev && cur.stars < prev.stars) {
      kinds.push('star_drop');
      break;
    }
  }
  if (overdue) kinds.push('overdue_order');
  return kinds;
}

describe('query API over the sample stream', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let sql: Client;
  const tokens: Record<'admin' | 'inspector' | 'enterprise', string> = { admin: '', inspector: '', enterprise: '' };

  async function login(username: string, password: string): Promise<string> {
    const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  async function get(url: string, token: string | null = tokens.inspector): Promise<{ status: number; body: any }> {
    const res = await fetch(`${app.url}${url}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  }

  async function ok(url: string): Promise<any> {
    const { status, body } = await get(url);
    if (status !== 200) throw new Error(`${url} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  }

  /** Every page of a list, following nextCursor. */
  async function walk(url: string): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const body = await ok(cursor === null ? url : `${url}&cursor=${encodeURIComponent(cursor)}`);
      items.push(...body.items);
      cursor = body.nextCursor;
      if (cursor === null) return items;
    }
    throw new Error('paging did not end');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { print: () => undefined, clock: fixedClock(expected.now) },
    );
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const scoring = app.app.get(ScoringService);
    const messages = messagesOf(path.join(FIXTURES, 'stream-2026-03-15.jsonl'));
    for (let i = 0; i < messages.length; i += 37) await scoring.processBatch(messages.slice(i, i + 37));

    const hash = await hashPassword(USER_PASSWORD);
    await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ('inspector1', $1, 'inspector')`, [hash]);
    await sql.query(`INSERT INTO users (username, password_hash, role, enterprise_id) VALUES ('ent1', $1, 'enterprise', $2)`, [hash, ids[0]]);
    tokens.admin = await login('admin', ADMIN_PASSWORD);
    tokens.inspector = await login('inspector1', USER_PASSWORD);
    tokens.enterprise = await login('ent1', USER_PASSWORD);
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await database?.drop();
  });

  const ROUTES = [
    '/api/enterprises',
    `/api/enterprises/${ids[0]}`,
    '/api/stats/overview',
    '/api/stats/trend',
    '/api/stats/recent-changes',
    '/api/stats/early-warnings',
    '/api/dead-letters',
    '/api/dead-letters/summary',
  ];

  it('is for inspectors and admins only: 401 without a token, 403 for enterprise accounts', async () => {
    for (const route of ROUTES) {
      const anon = await get(route, null);
      expect([route, anon.status, anon.body.error?.code]).toEqual([route, 401, 'unauthorized']);
      const ent = await get(route, tokens.enterprise);
      expect([route, ent.status, ent.body.error?.code]).toEqual([route, 403, 'forbidden']);
      expect([route, (await get(route, tokens.admin)).status]).toEqual([route, 200]);
      expect([route, (await get(route, tokens.inspector)).status]).toEqual([route, 200]);
    }
  });

  it('refuses unknown and invalid parameters with 400 in the contract error shape', async () => {
    const bad = [
      '/api/enterprises?foo=1',
      '/api/enterprises?stars=6',
      '/api/enterprises?stars=1,x',
      '/api/enterprises?face=happy',
      '/api/enterprises?sort=colour',
      '/api/enterprises?limit=0',
      '/api/enterprises?limit=201',
      '/api/enterprises?region=32011',
      '/api/stats/overview?day=2026-03-15',
      '/api/stats/trend?days=7',
      '/api/stats/trend?from=15.03.2026',
      '/api/stats/recent-changes?limit=-1',
      '/api/stats/early-warnings?limit=abc',
      '/api/dead-letters?reason=nope',
      '/api/dead-letters?cursor=abc',
      '/api/dead-letters/summary?x=1',
    ];
    for (const url of bad) {
      const { status, body } = await get(url);
      expect([url, status, body.error?.code]).toEqual([url, 400, 'invalid_input']);
      expect(typeof body.error.message).toBe('string');
    }
    expect(await get('/api/enterprises?cursor=not-a-cursor')).toMatchObject({ status: 400, body: { error: { code: 'invalid_cursor' } } });
    const first = await ok('/api/enterprises?sort=score&limit=3');
    expect(first.nextCursor).toEqual(expect.any(String));
    // A cursor continues only the listing it came from.
    expect(await get(`/api/enterprises?sort=name&limit=3&cursor=${first.nextCursor}`)).toMatchObject({ status: 400, body: { error: { code: 'invalid_cursor' } } });
    expect(await get(`/api/enterprises?sort=score&order=desc&limit=3&cursor=${first.nextCursor}`)).toMatchObject({ status: 400, body: { error: { code: 'invalid_cursor' } } });
    expect(await get('/api/stats/trend?from=2026-02-30')).toMatchObject({ status: 400, body: { error: { code: 'invalid_date' } } });
    expect(await get('/api/stats/trend?from=2026-03-10&to=2026-03-01')).toMatchObject({ status: 400, body: { error: { code: 'invalid_range' } } });
    expect(await get('/api/stats/trend?from=2025-01-01&to=2026-03-15')).toMatchObject({ status: 400, body: { error: { code: 'invalid_range' } } });
  });

  it('overview: current ratings by stars, face, region and industry; today vs yesterday; event rate', async () => {
    const body = await ok('/api/stats/overview');
    expect(body.asOf).toBe('2026-03-15T12:00:00.000+08:00');
    expect(body.day).toBe(TODAY);
    expect(body.total).toBe(ids.length);
    expect(body.byStars).toEqual(starCounts(ids.map(lastDay)));
    const faces = { smile: 0, neutral: 0, cry: 0 } as Record<string, number>;
    for (const id of ids) faces[lastDay(id).face]! += 1;
    expect(body.byFace).toEqual(faces);
    expect(body.vetoesInForce).toBe(ids.filter((id) => lastDay(id).veto).length);
    expect(body.vetoesInForce).toBeGreaterThan(0);
    let up = 0;
    let down = 0;
    for (const id of ids) {
      const y = dayOf(id, YESTERDAY);
      const t = dayOf(id, TODAY);
      if (y && t && t.stars > y.stars) up++;
      if (y && t && t.stars < y.stars) down++;
    }
    expect([body.upgradesToday, body.downgradesToday]).toEqual([up, down]);
    expect(up + down).toBeGreaterThan(0);
    // Every accepted event was stored within the last minutes (by the database clock).
    expect(body.eventsPerMinute).toBe(Math.round(expected.accepted) / 10); // 10-minute window

    // Regions and industries are master data; the star counts per group come from the expected file.
    const master = await sql.query<{ uscc: string; region_code: string | null; industry_code: string | null }>('SELECT uscc, region_code, industry_code FROM enterprises');
    for (const [field, column] of [['byRegion', 'region_code'], ['byIndustry', 'industry_code']] as const) {
      const want = new Map<string, Record<string, number>>();
      for (const row of master.rows) {
        const key = row[column] ?? 'unknown';
        const counts = want.get(key) ?? starCounts([]);
        counts[String(lastDay(row.uscc).stars)]! += 1;
        want.set(key, counts);
      }
      const got = body[field] as { key: string; label: string; counts: Record<string, number> }[];
      expect(new Map(got.map((g) => [g.key, g.counts]))).toEqual(want);
      const totals = got.map((g) => STARS.reduce((s, k) => s + g.counts[k]!, 0));
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      expect(want.size).toBeGreaterThan(1);
    }
    const nanjing = (body.byRegion as { key: string; label: string }[]).find((r) => r.key.startsWith('3201'));
    if (nanjing) expect(nanjing.label).toMatch(/^南京市/);
  });

  it('trend: per-day star counts of the latest revisions equal the expected ratings, before and after folding', async () => {
    const firstDay = ids.map((id) => expected.ratings[id]![0]!.day).sort()[0]!;
    const want = [];
    for (let d = dayFromIso(firstDay) - 2; d <= dayFromIso(TODAY); d++) {
      const day = isoFromDay(d);
      want.push({ day, counts: starCounts(ids.map((id) => dayOf(id, day))) });
    }
    const url = `/api/stats/trend?from=${want[0]!.day}&to=${TODAY}`;
    const pending = await sql.query('SELECT count(*)::int AS n FROM rating_day_count_deltas');
    expect(pending.rows[0].n).toBeGreaterThan(0);
    expect((await ok(url)).days).toEqual(want);

    const folded = await app.app.get(RatingCountFolder).fold();
    expect(folded).toBe(pending.rows[0].n);
    expect((await sql.query('SELECT count(*)::int AS n FROM rating_day_count_deltas')).rows[0].n).toBe(0);
    expect((await ok(url)).days).toEqual(want);

  });

  it('recent changes: newest revisions first with the revision they replaced, name and causes', async () => {
    const body = await ok('/api/stats/recent-changes?limit=25');
    expect(body.items).toHaveLength(25);
    const times = body.items.map((i: { recordedAt: string }) => Date.parse(i.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const newest = await sql.query('SELECT max(recorded_at) AS at FROM daily_ratings');
    expect(times[0]).toBe((newest.rows[0].at as Date).getTime());
    for (const item of body.items) {
      const prev = await sql.query('SELECT stars, score_tenths FROM daily_ratings WHERE enterprise_id = $1 AND day = $2 AND revision = $3', [item.enterpriseId, item.day, item.revision - 1]);
      expect(item.previous).toEqual(item.revision === 1 ? null : { stars: prev.rows[0].stars, score: prev.rows[0].score_tenths / 10 });
      const name = await sql.query('SELECT name FROM enterprises WHERE uscc = $1', [item.enterpriseId]);
      expect(item.name).toBe(name.rows[0].name);
      expect(Array.isArray(item.causeEventIds)).toBe(true);
    }
    expect(body.items.some((i: { previous: unknown }) => i.previous !== null)).toBe(true);
    expect(body.items.some((i: { causeEventIds: string[] }) => i.causeEventIds.length > 0)).toBe(true);
  });

  it('early warnings: near threshold, star drops in the last 7 days and overdue orders, as the model defines them', async () => {
    const want = new Map<string, string[]>();
    for (const id of ids) {
      const detail = await ok(`/api/enterprises/${id}/ratings/${TODAY}`);
      const kinds = expectedWarnings(id, detail.effects.some((e: { indicator: string }) => e.indicator === 'E4'));
      if (kinds.length > 0) want.set(id, kinds);
    }
    expect(want.size).toBeGreaterThan(2);
    const body = await ok('/api/stats/early-warnings?limit=500');
    expect(body.day).toBe(TODAY);
    expect(body.total).toBe(want.size);
    const got = new Map<string, string[]>(body.items.map((i: { uscc: string; warnings: { kind: string }[] }) => [i.uscc, i.warnings.map((w) => w.kind)]));
    expect(got).toEqual(want);
    // Most severe first: overdue orders, then star drops.
    const rank = body.items.map((i: { warnings: { kind: string }[] }) => (i.warnings.some((w) => w.kind === 'overdue_order') ? 0 : i.warnings.some((w) => w.kind === 'star_drop') ? 1 : 2));
    expect(rank).toEqual([...rank].sort());
    const limited = await ok('/api/stats/early-warnings?limit=2');
    expect(limited.items.map((i: { uscc: string }) => i.uscc)).toEqual(body.items.slice(0, 2).map((i: { uscc: string }) => i.uscc));
    expect(limited.total).toBe(want.size);
  });

  describe('enterprise list', () => {
    const sortValue: Record<string, (i: any) => number | string> = {
      score: (i) => (i.score === null ? -1 : Math.round(i.score * 10)),
      // stars first, then score (#14: a vetoed 1-star 100.0 never tops the list)
      stars: (i) => (i.stars ?? 0) * 2000 + (i.score === null ? -1 : Math.round(i.score * 10)),
      streak: (i) => i.streak ?? -1,
      name: (i) => i.name ?? '',
      uscc: (i) => i.uscc,
    };

    it.each(['score', 'stars', 'name', 'uscc', 'streak'])('walks every page sorted by %s, both ways, without gaps or repeats', async (sort) => {
      for (const order of ['asc', 'desc']) {
        const items = await walk(`/api/enterprises?sort=${sort}&order=${order}&limit=7`);
        expect(items.map((i) => i.uscc).sort()).toEqual([...ids].sort());
        const keys = items.map((i) => [sortValue[sort]!(i), i.uscc] as const);
        // Same order as PostgreSQL sorts (the database collation for names).
        const pgSorted = await sql.query<{ k: string }>(
          `SELECT k FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(k, u, n) ORDER BY ${typeof keys[0]![0] === 'number' ? 'k::int' : 'k'} ${order}, u ${order}`,
          [keys.map((k) => String(k[0])), keys.map((k) => k[1])],
        );
        expect(keys.map((k) => String(k[0]))).toEqual(pgSorted.rows.map((r) => r.k));
      }
      const top = await ok(`/api/enterprises?sort=${sort}&limit=5`);
      expect(top).toMatchObject({ total: ids.length, totalExact: true });
    });

    it('lists the current rating of each enterprise', async () => {
      const items = await walk('/api/enterprises?limit=200');
      expect(items).toHaveLength(ids.length);
      for (const i of items) {
        const d = lastDay(i.uscc);
        expect(i).toMatchObject({ ratedDay: TODAY, score: d.score, stars: d.stars, face: d.face, colour: d.colour, grade: d.grade, veto: d.veto });
        expect(Object.keys(i).sort()).toEqual(['colour', 'face', 'grade', 'handRegistration', 'industryCode', 'name', 'ratedDay', 'regionCode', 'registered', 'score', 'stars', 'streak', 'uscc', 'veto'].sort());
      }
    });

    it('filters by stars and face (lists), region and industry, and pages within the filter', async () => {
      const low = ids.filter((id) => lastDay(id).stars <= 2).sort();
      expect(low.length).toBeGreaterThan(3);
      const items = await walk('/api/enterprises?stars=1,2&sort=score&order=desc&limit=3');
      expect(items.map((i) => i.uscc).sort()).toEqual(low);
      const scores = items.map((i) => i.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(await ok('/api/enterprises?stars=1&stars=2&limit=1')).toMatchObject({ total: low.length, totalExact: true });

      const cry = ids.filter((id) => lastDay(id).face === 'cry').sort();
      expect((await walk('/api/enterprises?face=cry&limit=4')).map((i) => i.uscc)).toEqual(cry);
      const notSmile = ids.filter((id) => lastDay(id).face !== 'smile').sort();
      expect((await walk('/api/enterprises?face=cry,neutral&limit=4')).map((i) => i.uscc)).toEqual(notSmile);

      const master = await sql.query<{ uscc: string; region_code: string | null; industry_code: string | null }>('SELECT uscc, region_code, industry_code FROM enterprises ORDER BY uscc');
      const region = master.rows.find((r) => r.region_code !== null)!.region_code!;
      const industry = master.rows.find((r) => r.industry_code !== null)!.industry_code!;
      expect((await walk(`/api/enterprises?region=${region}&limit=2`)).map((i) => i.uscc)).toEqual(master.rows.filter((r) => r.region_code === region).map((r) => r.uscc));
      const both = master.rows.filter((r) => r.industry_code === industry && lastDay(r.uscc).stars >= 4).map((r) => r.uscc);
      const got = await ok(`/api/enterprises?industry=${industry}&stars=4,5&limit=200`);
      expect(got.items.map((i: { uscc: string }) => i.uscc)).toEqual(both);
      expect(got.total).toBe(both.length);
      expect(await ok('/api/enterprises?region=999999')).toEqual({ items: [], nextCursor: null, total: 0, totalExact: true });
    });

    it('searches names anywhere (case-insensitive) and USCC prefixes', async () => {
      const named = await sql.query<{ uscc: string; name: string }>('SELECT uscc, name FROM enterprises WHERE name IS NOT NULL ORDER BY uscc');
      expect(named.rows.length).toBeGreaterThan(0);
      const sample = named.rows[0]!;
      const part = [...sample.name].slice(1, 4).join('');
      const hits = await walk(`/api/enterprises?q=${encodeURIComponent(part)}&limit=5`);
      expect(hits.map((h) => h.uscc)).toEqual(named.rows.filter((r) => r.name.toLowerCase().includes(part.toLowerCase())).map((r) => r.uscc));
      expect(hits.map((h) => h.uscc)).toContain(sample.uscc);

      const prefix = ids[0]!.slice(0, 8);
      const byPrefix = await walk(`/api/enterprises?q=${prefix.toLowerCase()}&limit=5`);
      const want = ids.filter((id) => id.startsWith(prefix)).concat(named.rows.filter((r) => r.name.toLowerCase().includes(prefix.toLowerCase())).map((r) => r.uscc));
      expect(byPrefix.map((h) => h.uscc)).toEqual([...new Set(want)].sort());
      expect(await ok('/api/enterprises?q=a%25_b')).toMatchObject({ items: [], total: 0 });
      expect((await ok(`/api/enterprises?q=${ids[0]}`)).items.map((i: { uscc: string }) => i.uscc)).toEqual([ids[0]]);
    });
  });

  it('enterprise detail: master data, rating, streak, first day, event counts, effects and early warnings', async () => {
    for (const id of ids) {
      const body = await ok(`/api/enterprises/${id}`);
      const days = expected.ratings[id]!;
      const d = lastDay(id);
      expect(body.uscc).toBe(id);
      expect(body.firstDay).toBe(days[0]!.day);
      expect(body.current).toEqual({ day: TODAY, score: d.score, stars: d.stars, face: d.face, colour: d.colour, grade: d.grade, veto: d.veto });
      let streak = 0;
      for (let k = days.length - 1; k >= 0 && days[k]!.stars === 5; k--) streak++;
      expect([id, body.streak]).toEqual([id, streak]);
      const events = await sql.query('SELECT type, count(*)::int AS n FROM events WHERE enterprise_id = $1 GROUP BY type', [id]);
      expect(body.eventCounts).toEqual(Object.fromEntries(events.rows.map((r) => [r.type, r.n])));
      expect(body.eventCount).toBe(events.rows.reduce((s, r) => s + r.n, 0));
      const today = await ok(`/api/enterprises/${id}/ratings/${TODAY}`);
      // Each effect as stored, plus the event behind it (type, day, data) for a sentence (#14).
      expect(body.effects.map(({ source: _source, ...e }: { source: unknown }) => e)).toEqual(today.effects);
      for (const e of body.effects as { eventId: string; source: unknown }[]) {
        const row = (await sql.query(`SELECT type, event_day::text AS day, body->'data' AS data FROM events WHERE enterprise_id = $1 AND event_id = $2`, [id, e.eventId])).rows[0];
        expect([e.eventId, e.source]).toEqual([e.eventId, row ? { type: row.type, day: row.day, data: row.data } : null]);
      }
      expect([id, body.earlyWarnings.map((w: { kind: string }) => w.kind)]).toEqual([id, expectedWarnings(id, today.effects.some((e: { indicator: string }) => e.indicator === 'E4'))]);
    }
    expect(await get('/api/enterprises/91320100MA1W9XKE6T')).toMatchObject({ status: 404, body: { error: { code: 'enterprise_not_found' } } });
    expect(await get('/api/enterprises/91320115QH72P1245X')).toMatchObject({ status: 400, body: { error: { code: 'invalid_uscc' } } });
  });

  it('dead letters: counts by reason, newest-first pages, reason filter, full value by id', async () => {
    const summary = await ok('/api/dead-letters/summary');
    const total = Object.values(expected.dlq).reduce((a, b) => a + b, 0);
    expect(summary.total).toBe(total);
    for (const [reason, n] of Object.entries(summary.byReason)) expect([reason, n]).toEqual([reason, expected.dlq[reason] ?? 0]);
    expect(Object.keys(summary.byReason)).toHaveLength(9); // every stored reason, processing_error included

    const items = await walk('/api/dead-letters?limit=4');
    expect(items).toHaveLength(total);
    const numericIds = items.map((i) => Number(i.id));
    expect(new Set(numericIds).size).toBe(total);
    expect(numericIds).toEqual([...numericIds].sort((a, b) => b - a));
    for (const i of items) expect(Object.keys(i).sort()).toEqual(['at', 'detail', 'encoding', 'id', 'key', 'lastRedrive', 'offset', 'partition', 'reason', 'redrives', 'topic', 'value', 'valueTruncated'].sort());
    const binary = items.find((i) => i.encoding === 'base64');
    expect(binary).toMatchObject({ reason: 'invalid_json', partition: 0 });
    expect(() => Buffer.from(binary.value, 'base64').toString('utf8')).not.toThrow();

    const schema = await walk('/api/dead-letters?reason=schema&limit=3');
    expect(schema).toHaveLength(expected.dlq.schema!);
    expect(schema.every((i) => i.reason === 'schema')).toBe(true);

    const large = items.find((i) => i.reason === 'too_large');
    expect(large.valueTruncated).toBe(true);
    expect(large.value).toHaveLength(4096);
    const full = await ok(`/api/dead-letters/${large.id}`);
    expect(full.valueTruncated).toBe(false);
    expect(full.value.length).toBeGreaterThan(4096);
    expect(full.value.startsWith(large.value)).toBe(true);
    expect(await get('/api/dead-letters/999999')).toMatchObject({ status: 404, body: { error: { code: 'dead_letter_not_found' } } });
  });

  it('describes the routes in the OpenAPI document', async () => {
    const res = await fetch(`${app.url}/api/docs-json`);
    const doc = (await res.json()) as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    for (const p of ['/api/enterprises', '/api/enterprises/{uscc}', '/api/stats/overview', '/api/stats/trend', '/api/stats/recent-changes', '/api/stats/early-warnings', '/api/dead-letters', '/api/dead-letters/summary']) {
      expect([p, doc.paths[p]?.get !== undefined]).toEqual([p, true]);
    }
    expect(doc.paths['/api/enterprises']!.get!.parameters!.map((x) => x.name).sort()).toEqual(['cursor', 'face', 'industry', 'limit', 'order', 'q', 'region', 'sort', 'stars']);
  });

  // Last: it revises ratings that the other tests compare with the expected file.
  it('trend: a revision after folding shows up at once (deltas are read with the totals)', async () => {
    await app.app.get(RatingCountFolder).fold();
    // A revision after folding (a late serious penalty) lands in the deltas and shows up at once.
    const window = `/api/stats/trend?from=2026-03-10&to=${TODAY}`;
    const before = (await ok(window)).days as { day: string; counts: Record<string, number> }[];
    const target = ids.find((id) => dayOf(id, '2026-03-12')?.stars === 5 && dayOf(id, TODAY)?.stars === 5)!;
    expect(target).toBeDefined();
    await app.app.get(ScoringService).processBatch([
      {
        topicKind: 'enforcement',
        topic: 'envface.enforcement.v1',
        partition: 0,
        offset: '100000',
        key: target,
        value: JSON.stringify({
          eventId: 'late-penalty-1', type: 'enforcement.penalty', enterpriseId: target, occurredAt: '2026-03-12T10:00:00+08:00',
          data: { caseNo: 'CASE-LATE-1', severity: 'serious', amountYuan: 100000, violation: '超标排放' },
        }),
      },
    ]);
    const now = await sql.query<{ day: string; stars: number }>(
      `SELECT DISTINCT ON (day) day::text AS day, stars FROM daily_ratings WHERE enterprise_id = $1 AND day >= '2026-03-10' ORDER BY day, revision DESC`,
      [target],
    );
    const want2 = before.map((d) => ({ day: d.day, counts: { ...d.counts } }));
    for (const r of now.rows) {
      const w = want2.find((d) => d.day === r.day)!;
      w.counts[String(dayOf(target, r.day)!.stars)]! -= 1;
      w.counts[String(r.stars)]! += 1;
    }
    expect(now.rows.find((r) => r.day === '2026-03-12')!.stars).toBeLessThan(5);
    expect((await ok(window)).days).toEqual(want2);
    const direct = await sql.query<{ day: string; stars: number; n: number }>(
      `SELECT day::text AS day, stars, count(*)::int AS n FROM (SELECT DISTINCT ON (enterprise_id, day) day, stars FROM daily_ratings
         WHERE day BETWEEN '2026-03-10' AND $1 ORDER BY enterprise_id, day, revision DESC) l GROUP BY 1, 2`,
      [TODAY],
    );
    for (const r of direct.rows) expect([r.day, r.stars, r.n]).toEqual([r.day, r.stars, want2.find((d) => d.day === r.day)!.counts[String(r.stars)]]);
  });

});
