#!/usr/bin/env node
/**
 * Peer percentile cost (issue #13 §4): seeds N enterprises (default 200,000) with SQL into an embedded PostgreSQL —
 * 10 % of them in one county (320115, the worst case for region peers), 1 % each in 40 other counties, 10 industry
 * classes — and 90 days of daily ratings (two revisions on every 10th day) for the enterprises of 320115, of 320113
 * and of the C26 class in Nanjing; then times GET /api/enterprises/{uscc}/peers (today + the 90-day line of both
 * groups) for an enterprise of each, after folding the past days (PeerDayFolder) as the running app does. Prints figures; asserts nothing. Usage: npm run bench:peers [-- --enterprises N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@envface/backend/dist/platform/db/embedded-postgres';
import { startApp } from '@envface/backend/dist/platform/bootstrap/start-app';
import { fixedClock } from '@envface/backend/dist/platform/clock';
import { withUsccCheck } from '@envface/streams';
import { PeerDayFolder } from '@envface/backend/dist/read/comparison/peer-day-folder.service';

const { values } = parseArgs({ options: { enterprises: { type: 'string', default: '200000' } } });
const N = Number(values.enterprises);
const PASSWORD = 'peer-Bench-pw-1';
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const uscc = (i: number) => `91320102MA${i.toString(16).toUpperCase().padStart(8, '0')}`;

async function seed(sql: Client): Promise<void> {
  // i % 10 = 0 → 320115; otherwise one of 40 counties 3201xx..3205xx; industries C2614, C2211, … by i % 10 … shifted.
  await sql.query(
    `INSERT INTO enterprises (uscc, name, registered, region_code, industry_code, first_day, public_token, rated_day, score_tenths, stars, face, colour, grade, veto, streak)
     SELECT '91320102MA' || lpad(upper(to_hex(i)), 8, '0'), '企业' || i, true,
            CASE WHEN i % 10 = 0 THEN '320115' ELSE (ARRAY['320102','320104','320105','320106','320111','320113','320114','320116','320117','320118',
              '320205','320206','320211','320213','320214','320281','320282','320402','320404','320411','320412','320413','320481',
              '320505','320506','320507','320508','320509','320581','320582','320583','320585','320302','320303','320305','320311',
              '320312','320321','320322','320324'])[1 + (i / 10) % 40] END,
            (ARRAY['C2614','C2211','C1713','C2710','C3011','C3130','C3311','C3360','D4411','D4620'])[1 + (i / 7) % 10],
            DATE '2025-12-01', md5(i::text), DATE '2026-03-15', sc, st,
            (ARRAY['cry','cry','neutral','smile','smile'])[st], (ARRAY['black','red','yellow','blue','green'])[st],
            (ARRAY['bad','warning','good','good','trustworthy'])[st], false, 0
     FROM (SELECT i, 400 + (i * 37) % 600 AS sc, LEAST(5, GREATEST(1, ((400 + (i * 37) % 600) - 500) / 100 + 1)) AS st FROM generate_series(1, $1::int) AS i) x`,
    [N],
  );
  await sql.query(
    `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria)
     SELECT e.uscc, d::date, r, sc, LEAST(5, GREATEST(1, (sc - 500) / 100 + 1)), 'neutral', 'yellow', 'good', false, '{}'
     FROM enterprises e
     CROSS JOIN generate_series(DATE '2025-12-16', DATE '2026-03-15', interval '1 day') AS d
     CROSS JOIN LATERAL (SELECT r, 400 + (abs(hashtext(e.uscc || d::text || r)) % 600) AS sc
                         FROM generate_series(1, CASE WHEN extract(day FROM d)::int % 10 = 0 THEN 2 ELSE 1 END) AS r) rr
     WHERE e.region_code IN ('320115', '320113') OR (left(e.region_code, 4) = '3201' AND left(e.industry_code, 3) = 'C26')`,
  );
  await sql.query('ANALYZE enterprises');
  await sql.query('ANALYZE daily_ratings');
}

async function timed(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.json();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'envface-peer-bench-'));
  execFileSync('chmod', ['755', work]);
  const pg = await startEmbeddedPostgres({ dataDir: work });
  const app = await startApp(
    { DATABASE_URL: pg.url, PORT: '0', ENVFACE_ADMIN_PASSWORD: PASSWORD, ENVFACE_SIMULATOR: 'off', LOG_LEVEL: 'warn' },
    { print: () => undefined, clock: fixedClock('2026-03-15T12:00:00+08:00') },
  );
  const sql = new Client({ connectionString: pg.url });
  await sql.connect();
  try {
    const tSeed = performance.now();
    await seed(sql);
    const counts = (await sql.query<{ n: string; r: string }>('SELECT (SELECT count(*) FROM enterprises) AS n, (SELECT count(*) FROM daily_ratings) AS r')).rows[0]!;
    console.log(`seeded ${fmt(Number(counts.n))} enterprises and ${fmt(Number(counts.r))} daily ratings with SQL in ${fmt((performance.now() - tSeed) / 1000, 1)} s`);
    // The seeded ids skip the check character (fast SQL); the routes check it: give the measured ones valid ids.
    const measured = new Map<number, string>();
    for (const i of [70, 51]) {
      const id = withUsccCheck(`91320115MB${i.toString(16).toUpperCase().padStart(7, '0')}`);
      await sql.query('UPDATE enterprises SET uscc = $2 WHERE uscc = $1', [uscc(i), id]);
      await sql.query('UPDATE daily_ratings SET enterprise_id = $2 WHERE enterprise_id = $1', [uscc(i), id]);
      measured.set(i, id);
    }
    // Days the app's first round folded before the seed count as not folded.
    await sql.query('DELETE FROM peer_percentile_folds');
    const tFold = performance.now();
    const days = await app.app.get(PeerDayFolder).fold(Number.POSITIVE_INFINITY);
    const foldMs = performance.now() - tFold;
    console.log(`folded ${days} past days of peer ranks in ${fmt(foldMs / 1000, 1)} s (${fmt(foldMs / Math.max(1, days))} ms per day; the folder spends about 20 s per 10-minute round)`);
    const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    // i = 70: 320115 and C2614 (i/7 % 10 = 0); i = 51: one of the 1 % counties.
    for (const [label, i] of [['county of 10 % (20,000 peers), industry C26 in Nanjing', 70], ['county of 1 %', 5 * 10 + 1]] as const) {
      const id = measured.get(i)!;
      const url = `${app.url}/api/enterprises/${id}/peers`;
      const body = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as { groups: { kind: string; peers: number; series: unknown[] }[] };
      const times: number[] = [];
      for (let k = 0; k < 5; k += 1) times.push(await timed(url, token));
      times.sort((a, b) => a - b);
      const groups = body.groups.map((g) => `${g.kind} ${fmt(g.peers)} peers, ${g.series.length} days`).join('; ');
      console.log(`peers of an enterprise in a ${label} (${groups}): median ${fmt(times[2]!)} ms, max ${fmt(times[4]!)} ms over 5 calls`);
    }
  } finally {
    await sql.end();
    await app.close();
    await pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
