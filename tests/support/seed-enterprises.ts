import type { Client } from 'pg';

export interface SeedOptions {
  /** How many synthetic enterprises. */
  enterprises: number;
  /** Days of rating history per enterprise, ending on `today` (inclusive). */
  days: number;
  /** YYYY-MM-DD: the last rated day, also the enterprises' current rating day. */
  today: string;
  /** Minimum score in tenths for 5, 4, 3 and 2 stars (the rule book's thresholds). */
  thresholds: { five: number; four: number; three: number; two: number };
  /** Share of enterprise-days that get a second revision (late events), default 0.01. */
  revisedShare?: number;
  /** Accepted events to record in event_ids over the last hour before now(), default 0. */
  recentEvents?: number;
}

export interface SeedTimings {
  enterprisesMs: number;
  ratingsMs: number;
  currentMs: number;
  rollupMs: number;
  eventsMs: number;
  analyzeMs: number;
}

const REGIONS = ['320102', '320104', '320105', '320106', '320111', '320113', '320114', '320115', '320116', '320505', '320506', '320507', '320508', '320509', '320213', '320214', '320206', '320281', '320402', '320404', '320411', '320412'];
const INDUSTRIES = ['C2614', 'C2211', 'C1713', 'C2710', 'C3360', 'C3011', 'C3130', 'C3311', 'D4411', 'D4620'];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Bulk-inserts synthetic enterprises with a rating history straight into a migrated database with
 * set-based SQL (generate_series), for EXPLAIN and timing checks of the query API at production
 * size (200,000 enterprises). Scores are deterministic functions of (enterprise, week) plus noise,
 * so star levels change now and then like real ratings; about 1 in 50 enterprises has an overdue
 * order (E4) today. Ratings bypass the scorer (and its outbox), so the trend rollup is rebuilt from
 * daily_ratings at the end, as the migration does for existing data.
 */
export async function seedEnterprises(client: Client, o: SeedOptions): Promise<SeedTimings> {
  const t = o.thresholds;
  const band = (stars: string) => `CASE ${stars} WHEN 5 THEN 'smile' WHEN 4 THEN 'smile' WHEN 3 THEN 'neutral' ELSE 'cry' END`;
  const colour = (stars: string) => `CASE ${stars} WHEN 5 THEN 'green' WHEN 4 THEN 'blue' WHEN 3 THEN 'yellow' WHEN 2 THEN 'red' ELSE 'black' END`;
  const grade = (stars: string) => `CASE ${stars} WHEN 5 THEN 'trustworthy' WHEN 4 THEN 'good' WHEN 3 THEN 'good' WHEN 2 THEN 'warning' ELSE 'bad' END`;
  const starsOf = (score: string) => `(CASE WHEN ${score} >= ${t.five} THEN 5 WHEN ${score} >= ${t.four} THEN 4 WHEN ${score} >= ${t.three} THEN 3 WHEN ${score} >= ${t.two} THEN 2 ELSE 1 END)::smallint`;
  // Mostly good enterprises, a tail of bad ones; the week term makes levels move over time.
  const score = `LEAST(1000, GREATEST(0, 1000 - (abs(hashint4(g.i)) % 260) - (abs(hashint4(g.i * 31 + (d.day - DATE '2000-01-01') / 7)) % 90)))`;

  const enterprisesMs = await timed(() =>
    client.query(
      `INSERT INTO enterprises (uscc, name, registered, region_code, industry_code, first_day, public_token)
       SELECT '91320' || lpad(i::text, 13, '0'),
              (ARRAY['南京','苏州','无锡','常州'])[1 + i % 4] || (ARRAY['恒瑞','华泰','天成','新源','金鼎','永安','宏达','瑞丰'])[1 + (i / 4) % 8]
                || (ARRAY['化工','纸业','印染','药业','电镀','建材','特钢','重工','热电','水务'])[1 + (i / 32) % 10] || '有限公司' || i,
              true, ($1::text[])[1 + i % cardinality($1::text[])], ($2::text[])[1 + (i / 7) % cardinality($2::text[])],
              $4::date - ($5::int - 1), substr(md5(i::text) || md5((i + 1)::text), 1, 22)
       FROM generate_series(1, $3::int) AS i`,
      [REGIONS, INDUSTRIES, o.enterprises, o.today, o.days],
    ),
  );

  const ratingsMs = await timed(async () => {
    await client.query(
      `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria, effects, recorded_at)
       SELECT '91320' || lpad(g.i::text, 13, '0'), d.day, 1, s.score, s.stars, ${band('s.stars')}, ${colour('s.stars')}, ${grade('s.stars')}, false, '{}'::jsonb,
              CASE WHEN d.day = $2::date AND g.i % 50 = 0
                   THEN jsonb_build_array(jsonb_build_object('indicator', 'E4', 'eventId', 'ord-' || g.i, 'criterion', 'E', 'points', 20, 'impact', 7,
                                                             'from', $2::text, 'until', null, 'repairable', true))
                   ELSE '[]'::jsonb END,
              d.day + time '00:00:05'
       FROM generate_series($2::date - ($3::int - 1), $2::date, interval '1 day') AS d0(ts)
       CROSS JOIN LATERAL (SELECT d0.ts::date AS day) d
       CROSS JOIN generate_series(1, $1::int) AS g(i)
       CROSS JOIN LATERAL (SELECT ${score}::int AS score) sc
       CROSS JOIN LATERAL (SELECT sc.score, ${starsOf('sc.score')} AS stars) s`,
      [o.enterprises, o.today, o.days],
    );
    // A late event revises a few past days: revision 2 with 15 points less.
    await client.query(
      `INSERT INTO daily_ratings (enterprise_id, day, revision, score_tenths, stars, face, colour, grade, veto, criteria, effects, recorded_at)
       SELECT r.enterprise_id, r.day, 2, s.score, s.stars, ${band('s.stars')}, ${colour('s.stars')}, ${grade('s.stars')}, false, '{}'::jsonb, r.effects,
              r.recorded_at + interval '3 hours'
       FROM daily_ratings r
       CROSS JOIN LATERAL (SELECT GREATEST(0, r.score_tenths - 150) AS score) sc
       CROSS JOIN LATERAL (SELECT sc.score, ${starsOf('sc.score')} AS stars) s
       WHERE r.revision = 1 AND abs(hashtext(r.enterprise_id || r.day::text)) % 10000 < $1::int`,
      [Math.round((o.revisedShare ?? 0.01) * 10000)],
    );
  });

  const currentMs = await timed(() =>
    client.query(
      `UPDATE enterprises e SET rated_day = l.day, score_tenths = l.score_tenths, stars = l.stars, face = l.face, colour = l.colour,
         grade = l.grade, veto = l.veto, streak = CASE WHEN l.stars = 5 THEN 1 + abs(hashtext(e.uscc)) % $2::int ELSE 0 END
       FROM (SELECT DISTINCT ON (enterprise_id) * FROM daily_ratings WHERE day = $1::date ORDER BY enterprise_id, revision DESC) l
       WHERE l.enterprise_id = e.uscc`,
      [o.today, o.days],
    ),
  );

  // What the scorer keeps with every rating change: the latest star drop of the last week.
  await client.query(
    `WITH latest AS (
       SELECT DISTINCT ON (enterprise_id, day) enterprise_id, day, stars FROM daily_ratings
       WHERE day BETWEEN $1::date - 8 AND $1::date ORDER BY enterprise_id, day, revision DESC),
     drops AS (
       SELECT c.enterprise_id, max(c.day) AS drop_day FROM latest c JOIN latest p ON p.enterprise_id = c.enterprise_id AND p.day = c.day - 1
       WHERE c.stars < p.stars GROUP BY c.enterprise_id)
     UPDATE enterprises e SET last_drop_day = d.drop_day FROM drops d WHERE e.uscc = d.enterprise_id`,
    [o.today],
  );

  // The seeded days count as rolled over, so an app started on this database has no catch-up to do.
  await client.query(`INSERT INTO rollover_runs (day, finished_at, instance) VALUES ($1::date, now(), 'seed') ON CONFLICT (day) DO NOTHING`, [o.today]);

  const rollupMs = await timed(async () => {
    await client.query('TRUNCATE rating_day_counts, rating_day_count_deltas');
    await client.query(
      `INSERT INTO rating_day_counts (day, stars, n)
       SELECT day, stars, count(*) FROM (SELECT DISTINCT ON (day, enterprise_id) day, stars FROM daily_ratings ORDER BY day, enterprise_id, revision DESC) l
       GROUP BY day, stars`,
    );
  });

  const eventsMs = await timed(() =>
    (o.recentEvents ?? 0) > 0
      ? client.query(
          `INSERT INTO event_ids (event_id, enterprise_id, body_sha256, occurred_at, accepted_at)
           SELECT 'seed-' || n, '91320' || lpad((1 + n % $2::int)::text, 13, '0'), sha256(n::text::bytea), now() - interval '1 hour',
                  now() - interval '1 hour' + (n::float8 / $1::int) * interval '1 hour'
           FROM generate_series(1, $1::int) AS n ORDER BY n`,
          [o.recentEvents, o.enterprises],
        )
      : Promise.resolve(),
  );

  // Fresh statistics and a visibility map: the plans then are the ones a settled database gets.
  const analyzeMs = await timed(() => client.query('VACUUM ANALYZE enterprises, daily_ratings, rating_day_counts, event_ids'));
  return { enterprisesMs, ratingsMs, currentMs, rollupMs, eventsMs, analyzeMs };
}
