import { OUTBOX_SINKS, type OutboxSink } from '../../backend/src/pipeline/outbox/outbox-sink';
import * as path from 'node:path';
import { Client } from 'pg';
import { dayFromIso, defaultRuleBook, isoFromDay, parseStreamFile, profileFor, topicName, valueBytes } from '@envface/streams';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { RolloverService } from '../../backend/src/pipeline/rollover/rollover.service';
import { ListMembershipService } from '../../backend/src/pipeline/lists/list-membership.service';
import type { IncomingMessage } from '../../backend/src/pipeline/score/incoming-message';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { OutboxDrainer } from '../../backend/src/pipeline/outbox/outbox-drainer.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Credit lists after the sample stream, compared with a plain day-by-day evaluation of the rules over
 * the stored ratings (latest revision of each day), every list on every day — then again after late
 * events and after an accepted appeal revised past days. The join/leave messages, replayed, must give
 * the same timelines.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const NOW = '2026-03-15T12:00:00+08:00';
/** The server's day; moved on by the rollover test at the end. */
let TODAY = dayFromIso('2026-03-15');
let nowMs = Date.parse(NOW);
const PASSWORD = 'lists-Admin-pw-123';
const LISTS = ['red', 'black', 'incentive', 'exempt', 'priority', 'warning'] as const;
type List = (typeof LISTS)[number];

interface DayRow {
  stars: number;
  veto: boolean;
  score: number;
  e4: boolean;
}

/** The rules read literally, one day at a time (docs/supervision.md §1), from the stored ratings. */
function plainMembership(days: Map<number, DayRow>, industry: string | null, d: number): Record<List, boolean> {
  const t = profileFor(defaultRuleBook(), industry).thresholds;
  const all = (n: number, ok: (r: DayRow) => boolean): boolean => {
    for (let x = d - n + 1; x <= d; x++) {
      const r = days.get(x);
      if (!r || !ok(r)) return false;
    }
    return true;
  };
  const r = days.get(d);
  if (!r) return { red: false, black: false, incentive: false, exempt: false, priority: false, warning: false };
  const threshold = r.stars === 5 ? t.five : r.stars === 4 ? t.four : r.stars === 3 ? t.three : t.two;
  const near = !r.veto && r.stars > 1 && r.score - threshold <= 20;
  let drop = false;
  for (let x = d - 6; x <= d; x++) {
    const a = days.get(x - 1);
    const b = days.get(x);
    if (a && b && b.stars < a.stars) drop = true;
  }
  return {
    red: r.stars === 5,
    black: r.stars === 1,
    incentive: all(30, (x) => x.stars === 5),
    exempt: all(180, (x) => x.stars === 5),
    priority: r.veto || all(7, (x) => x.stars <= 2),
    warning: near || r.e4 || drop,
  };
}

describe('credit lists over the sample stream', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let token: string;
  let sql: Client;
  const messages: { list: List; enterpriseId: string; day: string; change: 'joined' | 'left' }[] = [];

  async function call(method: string, url: string, body?: unknown, bearer = token): Promise<{ status: number; body: any; text: string; headers: Headers }> {
    const res = await fetch(`${app.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    // Response.text() would drop a BOM: decode by hand to see the bytes as sent.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  }

  async function feed(msgs: IncomingMessage[], batchSize = 40): Promise<void> {
    for (let i = 0; i < msgs.length; i += batchSize) {
      await app.app.get(ScoringService).processBatch(msgs.slice(i, i + batchSize));
      await app.app.get(OutboxDrainer).drain();
    }
  }

  /** Expected members per list and day, with since, from the stored ratings. */
  async function expectedLists(): Promise<{ first: number; members: Map<string, Map<string, string>> }> {
    const rows = await sql.query<{ enterprise_id: string; day: string; stars: number; veto: boolean; score_tenths: number; e4: boolean; industry_code: string | null }>(
      `SELECT DISTINCT ON (r.enterprise_id, r.day) r.enterprise_id, to_char(r.day, 'YYYY-MM-DD') AS day, r.stars, r.veto, r.score_tenths,
              EXISTS (SELECT 1 FROM jsonb_array_elements(r.effects) x WHERE x->>'indicator' = 'E4') AS e4, e.industry_code
         FROM daily_ratings r JOIN enterprises e ON e.uscc = r.enterprise_id
        ORDER BY r.enterprise_id, r.day, r.revision DESC`,
    );
    const byEnterprise = new Map<string, { industry: string | null; days: Map<number, DayRow> }>();
    for (const r of rows.rows) {
      let e = byEnterprise.get(r.enterprise_id);
      if (!e) byEnterprise.set(r.enterprise_id, (e = { industry: r.industry_code, days: new Map() }));
      e.days.set(dayFromIso(r.day), { stars: r.stars, veto: r.veto, score: r.score_tenths, e4: r.e4 });
    }
    const first = Math.min(...rows.rows.map((r) => dayFromIso(r.day)));
    // key `${list}|${day}` → USCC → since
    const members = new Map<string, Map<string, string>>();
    for (const [uscc, e] of byEnterprise) {
      const since = new Map<List, number | null>(LISTS.map((l) => [l, null]));
      for (let d = first; d <= TODAY; d++) {
        const m = plainMembership(e.days, e.industry, d);
        for (const list of LISTS) {
          if (!m[list]) {
            since.set(list, null);
            continue;
          }
          if (since.get(list) === null) since.set(list, d);
          const key = `${list}|${isoFromDay(d)}`;
          if (!members.has(key)) members.set(key, new Map());
          members.get(key)!.set(uscc, isoFromDay(since.get(list)!));
        }
      }
    }
    return { first, members };
  }

  async function compareEveryDay(): Promise<number> {
    const { first, members } = await expectedLists();
    let checked = 0;
    const wrong: string[] = [];
    for (let d = first; d <= TODAY; d++) {
      for (const list of LISTS) {
        const day = isoFromDay(d);
        const res = await call('GET', `/api/lists/${list}?day=${day}`);
        expect(res.status).toBe(200);
        const got = (res.body.enterprises as { uscc: string; since: string }[]).map((e) => `${e.uscc}@${e.since}`);
        const want = [...(members.get(`${list}|${day}`) ?? new Map<string, string>())].sort(([a], [b]) => (a < b ? -1 : 1)).map(([u, s]) => `${u}@${s}`);
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${list} ${day}: got ${got.length} [${got.filter((g) => !want.includes(g)).join(' ')}] want ${want.length} [${want.filter((w) => !got.includes(w)).join(' ')}]`);
        checked += want.length;
      }
    }
    expect(wrong).toEqual([]);
    return checked;
  }

  /** Replays the join/leave messages ("from day on") and compares with the expected timelines. */
  async function compareMessages(): Promise<void> {
    const { first, members } = await expectedLists();
    const timeline = new Map<string, Map<number, boolean>>(); // list|uscc → day → member
    for (const m of messages) {
      const key = `${m.list}|${m.enterpriseId}`;
      if (!timeline.has(key)) timeline.set(key, new Map());
      const t = timeline.get(key)!;
      for (let d = dayFromIso(m.day); d <= TODAY; d++) t.set(d, m.change === 'joined');
    }
    const wrong: string[] = [];
    for (let d = first; d <= TODAY; d++) {
      for (const list of LISTS) {
        const want = members.get(`${list}|${isoFromDay(d)}`) ?? new Map();
        for (const [key, t] of timeline) {
          if (!key.startsWith(`${list}|`)) continue;
          const uscc = key.slice(list.length + 1);
          if ((t.get(d) ?? false) !== want.has(uscc)) wrong.push(`${list} ${uscc} ${isoFromDay(d)}`);
        }
        for (const uscc of want.keys()) if (!timeline.has(`${list}|${uscc}`)) wrong.push(`${list} ${uscc} ${isoFromDay(d)} (no message)`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp(
      { DATABASE_URL: database.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
      { print: () => undefined, clock: { now: () => nowMs } },
    );
    app.app.get<OutboxSink[]>(OUTBOX_SINKS).push({
      name: 'lists-test',
      publish: async (rows) => {
        for (const r of rows) if (r.kind === 'lists') messages.push(r.payload as (typeof messages)[number]);
      },
    });
    token = (await (await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json()).token;
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const stream = parseStreamFile(path.join(FIXTURES, 'stream-2026-03-15.jsonl')).map((line, i): IncomingMessage => ({
      topicKind: line.topic, topic: topicName('envface.', line.topic), partition: 0, offset: String(i), key: line.key, value: valueBytes(line),
    }));
    await feed(stream);
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await database?.drop();
  });

  it('matches the plain evaluation on every day, with since, after the stream (late events included)', async () => {
    const checked = await compareEveryDay();
    expect(checked).toBeGreaterThan(1000);
    // The sample has 30-day 5★ runs, 1★ days and warnings: every list but the 180-day one is exercised.
    for (const list of ['red', 'black', 'incentive', 'warning'] as const) {
      expect([list, (await call('GET', `/api/lists/${list}`)).body.enterprises.length > 0]).toEqual([list, true]);
    }
    await compareMessages();
  });

  it('follows late events that revise past days', async () => {
    const five = (await call('GET', '/api/lists/incentive')).body.enterprises[0];
    expect(five).toBeDefined();
    // A serious penalty 12 days ago breaks the 5★ run: it leaves incentive, its red run restarts.
    const late = [
      { eventId: 'lists-late-1', type: 'enforcement.penalty', enterpriseId: five.uscc, occurredAt: '2026-03-03T10:00:00+08:00',
        data: { caseNo: 'LATE-1', severity: 'serious', amountYuan: 200000, violation: '超标排放', publicText: '迟到的处罚' } },
      { eventId: 'lists-late-2', type: 'enforcement.veto', enterpriseId: five.uscc, occurredAt: '2026-03-12T10:00:00+08:00', data: { reason: 'secret_discharge_pipe' } },
    ];
    const before = messages.length;
    await feed(late.map((e, i) => ({ topicKind: 'enforcement', topic: 'envface.enforcement.v1', partition: 1, offset: String(i), key: e.enterpriseId, value: JSON.stringify(e) })));
    expect((await call('GET', '/api/lists/incentive')).body.enterprises.map((e: { uscc: string }) => e.uscc)).not.toContain(five.uscc);
    expect((await call('GET', '/api/lists/priority')).body.enterprises.map((e: { uscc: string }) => e.uscc)).toContain(five.uscc);
    expect(messages.slice(before).filter((m) => m.enterpriseId === five.uscc && m.list === 'incentive')).toEqual([
      expect.objectContaining({ list: 'incentive', day: '2026-03-03', change: 'left' }),
    ]);
    await compareEveryDay();
    await compareMessages();
  });

  it('follows an accepted appeal (the voided event revises the days)', async () => {
    // A serious penalty on a red-list enterprise takes it off the red list from that day; voiding it
    // on appeal must put it back, with the red run (and since) as if the penalty never happened.
    const red = (await call('GET', '/api/lists/red')).body.enterprises as { uscc: string; since: string }[];
    const target = red.find((e) => e.since <= '2026-03-01')!;
    const row = { event_id: 'lists-appeal-pen', enterprise_id: target.uscc };
    const pen = { eventId: row.event_id, type: 'enforcement.penalty', enterpriseId: target.uscc, occurredAt: '2026-03-08T10:00:00+08:00',
      data: { caseNo: 'APPEAL-1', severity: 'serious', amountYuan: 100000, violation: '超标排放', publicText: '将被撤销的处罚' } };
    await feed([{ topicKind: 'enforcement', topic: 'envface.enforcement.v1', partition: 2, offset: '0', key: target.uscc, value: JSON.stringify(pen) }]);
    expect((await call('GET', '/api/lists/red')).body.enterprises.map((e: { uscc: string }) => e.uscc)).not.toContain(target.uscc);
    await compareEveryDay();
    const account = await call('POST', '/api/accounts', { username: 'company-lists', enterpriseId: row.enterprise_id, password: 'company-pw-1234' });
    expect(account.status).toBe(201);
    const login = async (password: string): Promise<string> =>
      (await (await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'company-lists', password }) })).json()).token;
    // A new enterprise account must choose its own password first.
    expect((await call('POST', '/api/accounts/me/password', { currentPassword: 'company-pw-1234', newPassword: 'company-pw-5678' }, await login('company-pw-1234'))).status).toBe(200);
    const company = await login('company-pw-5678');
    const filed = await call('POST', '/api/appeals', { eventId: row.event_id, reasons: '处罚依据有误' }, company);
    expect(filed.status).toBe(201);
    const before = messages.length;
    const accepted = await call('POST', `/api/appeals/${filed.body.id}/accept`, { reason: '复核通过' });
    expect(accepted.status).toBe(200);
    await app.app.get(OutboxDrainer).drain();
    expect(messages.length).toBeGreaterThan(before);
    expect((await call('GET', '/api/lists/red')).body.enterprises).toContainEqual(expect.objectContaining({ uscc: target.uscc, since: target.since }));
    expect(messages.slice(before)).toContainEqual(expect.objectContaining({ list: 'red', enterpriseId: target.uscc, day: '2026-03-08', change: 'joined' }));
    await compareEveryDay();
    await compareMessages();
  });

  it('serves CSV with a BOM and the public red and black lists; refuses bad input', async () => {
    const json = (await call('GET', '/api/lists/red')).body;
    const csv = await call('GET', '/api/lists/red.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFFuscc,name,regionCode,since\r\n')).toBe(true);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(json.enterprises.length + 1);
    expect(lines[1]).toBe([json.enterprises[0].uscc, json.enterprises[0].name, json.enterprises[0].regionCode, json.enterprises[0].since].join(','));
    const pastCsv = await call('GET', '/api/lists/black.csv?day=2026-03-01');
    expect(pastCsv.status).toBe(200);

    const pub = await fetch(`${app.url}/api/public/lists/red`);
    expect(pub.status).toBe(200);
    expect(await pub.json()).toEqual(json);
    expect((await fetch(`${app.url}/api/public/lists/black`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/public/lists/warning`)).status).toBe(400);
    expect((await fetch(`${app.url}/api/lists/red`)).status).toBe(401);
    expect((await call('GET', '/api/lists/green')).status).toBe(400);
    expect((await call('GET', '/api/lists/red?day=2026-03-16')).status).toBe(400);
    expect((await call('GET', '/api/lists/red?day=2026-02-30')).status).toBe(400);
    expect((await call('GET', '/api/lists/red?x=1')).status).toBe(400);
  });

  it('follows the midnight rollover: copied days extend the runs, streaks and aging drops still move the lists', async () => {
    const before = messages.length;
    for (let d = TODAY + 1; d <= dayFromIso('2026-03-22'); d++) {
      nowMs = Date.parse(`${isoFromDay(d)}T00:00:05+08:00`);
      TODAY = d;
      const result = await app.app.get(RolloverService).runDay(d);
      expect(result.outcome).toBe('done');
      await app.app.get(OutboxDrainer).drain();
    }
    // A week on, star drops of the sample have aged out of the warning list, and 5★ runs grew.
    expect(messages.slice(before).some((m) => m.list === 'warning' && m.change === 'left')).toBe(true);
    await compareEveryDay();
    await compareMessages();
  });

  it('backfills the same runs for a database rated before the lists existed', async () => {
    const before = (await sql.query(`SELECT list, enterprise_id, from_day::text, to_day::text FROM list_memberships ORDER BY 1, 2, 3`)).rows;
    expect(before.length).toBeGreaterThan(50);
    await sql.query('DELETE FROM list_memberships');
    const n = await app.app.get(ListMembershipService).backfill(TODAY);
    expect(n).toBeGreaterThan(30);
    expect((await sql.query(`SELECT list, enterprise_id, from_day::text, to_day::text FROM list_memberships ORDER BY 1, 2, 3`)).rows).toEqual(before);
    await compareEveryDay();
  });
});
