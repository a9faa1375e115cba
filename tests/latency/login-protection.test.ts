import { Client } from 'pg';
import { AuthService } from '../../backend/src/auth/auth.service';
import { registration, startPublicTestApp, usccOf, type PublicTestApp } from '../integration/public-test-app';

/**
 * Issue 15, logins: a per-name failure counter with growing locks (the same 429 whether or not the
 * name exists), and a login flood that cannot starve the rest of the API (2 hashes at a time, a
 * short queue, then 429; the public view keeps answering fast meanwhile).
 */
const E = usccOf('320106', 1);
const PASSWORD = 'Copper-Meadow-Signal-58';

describe('login protection', () => {
  let t: PublicTestApp;
  let sql: Client;
  let ip = 0;
  let publicToken: string;

  const attempt = (username: string, password: string) =>
    t.call('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': `198.18.${Math.floor(++ip / 250)}.${ip % 250}` } });

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    expect((await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username: 'victim', role: 'inspector', password: PASSWORD } })).status).toBe(201);
    await t.ingest('registry', registration(E, '丁公司', 'login-reg-e', '320106'));
    publicToken = (await sql.query<{ public_token: string }>('SELECT public_token FROM enterprises WHERE uscc = $1', [E])).rows[0]!.public_token;
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('locks a name after 5 failures, with the same answer for an existing and an unknown name, and growing waits', async () => {
    for (const name of ['victim', 'no-such-user']) {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await attempt(name, `wrong-${i}`)).status);
      expect([name, statuses]).toEqual([name, [401, 401, 401, 401, 401]]);
    }
    // Locked now: even the right password is refused, from any address, and the answer tells nothing.
    const locked = await attempt('victim', PASSWORD);
    const unknown = await attempt('no-such-user', PASSWORD);
    expect(locked.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(locked.body).toEqual(unknown.body);
    expect(locked.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(JSON.stringify(locked.body)).not.toMatch(/victim|exist|unknown/i);
    // Case does not matter to the counter.
    expect((await attempt('VICTIM', PASSWORD)).status).toBe(429);

    const lockOf = async () =>
      (await sql.query<{ failures: number; seconds: number }>(
        `SELECT failures, round(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_failures ORDER BY last_failure_at DESC LIMIT 2`,
      )).rows;
    expect((await lockOf()).map((r) => r.failures)).toEqual([5, 5]);
    const first = (await lockOf())[0]!.seconds;
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThanOrEqual(30);
    // When the lock has run out, the next failure locks for twice as long.
    await sql.query(`UPDATE login_failures SET locked_until = now() - interval '1 second'`);
    expect((await attempt('victim', 'wrong-again')).status).toBe(401);
    const victim = (await sql.query<{ failures: number; seconds: number }>(
      `SELECT failures, round(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_failures ORDER BY last_failure_at DESC LIMIT 1`,
    )).rows[0]!;
    expect(victim.failures).toBe(6);
    expect(victim.seconds).toBeGreaterThan(50);
    expect(victim.seconds).toBeLessThanOrEqual(60);
    // Names are not stored as typed.
    expect(JSON.stringify((await sql.query('SELECT * FROM login_failures')).rows)).not.toContain('victim');

    // After the lock, the right password works and clears the counter.
    await sql.query(`UPDATE login_failures SET locked_until = now() - interval '1 second'`);
    expect((await attempt('victim', PASSWORD)).status).toBe(200);
    expect((await attempt('victim', 'one-more-wrong')).status).toBe(401);
    expect((await attempt('victim', PASSWORD)).status).toBe(200);
  });

  it('keeps the public view fast (p99 < 300 ms) under 60 concurrent logins with long passwords; at most 2 hashes at a time', async () => {
    const auth = t.app.app.get(AuthService);
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, auth.hashSlots.inUse);
    }, 2);
    let latencies: number[] = [];
    let flooding = true;
    let phone = 0;
    const probe = async () => {
      while (flooding) {
        const start = performance.now();
        // Many phones (the public view is rate limited per client address).
        phone++;
        const res = await fetch(`${t.app.url}/api/public/${publicToken}`, { headers: { 'x-forwarded-for': `198.19.${Math.floor(phone / 250)}.${phone % 250}` } });
        await res.arrayBuffer();
        latencies.push(performance.now() - start);
        expect(res.status).toBe(200);
      }
    };
    // Baseline: the same probes for a second without the flood (reported, for reading the figures).
    let probes = [probe(), probe()];
    await new Promise((r) => setTimeout(r, 1_000));
    flooding = false;
    await Promise.all(probes);
    const baseline = [...latencies].sort((a, b) => a - b);
    latencies = [];
    flooding = true;
    probes = [probe(), probe()];
    const long = (i: number) => `${'长密码'.repeat(80)}-${i}`.slice(0, 256);
    const started = performance.now();
    const flood = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(i % 2 === 0 ? 'victim' : `flood-${i}`, i === 0 ? PASSWORD : long(i))),
    );
    // Keep probing a little after the flood too (hashes still queued finish now).
    await new Promise((r) => setTimeout(r, 200));
    flooding = false;
    await Promise.all(probes);
    clearInterval(sampler);
    const elapsed = performance.now() - started;

    const statuses = flood.map((r) => r.status);
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(statuses.every((s) => [200, 401, 429].includes(s))).toBe(true);
    expect(count(429)).toBeGreaterThanOrEqual(40); // 2 running + 8 queued; the rest refused at once
    expect(count(401) + count(200)).toBeGreaterThanOrEqual(2);
    for (const r of flood.filter((x) => x.status === 429)) expect(r.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThanOrEqual(1);

    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]!;
    console.log(`login flood: ${elapsed.toFixed(0)} ms, statuses 200×${count(200)} 401×${count(401)} 429×${count(429)}; public view ${latencies.length} requests, p50 ${latencies[Math.floor(latencies.length / 2)]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, peak hashing ${peak}; without the flood p50 ${baseline[Math.floor(baseline.length / 2)]!.toFixed(1)} ms, max ${baseline[baseline.length - 1]!.toFixed(1)} ms`);
    expect(latencies.length).toBeGreaterThanOrEqual(10);
    // Operators see the flood in the metrics.
    const metrics = await (await fetch(`${t.app.url}/metrics`)).text();
    const busy = Number(/envface_logins_total\{outcome="busy"\} (\d+)/.exec(metrics)?.[1]);
    // (some 429s of the flood are locks: half of it tries the name `victim` with wrong passwords)
    expect(busy).toBeGreaterThanOrEqual(40);
    expect(busy).toBeLessThanOrEqual(count(429));
    expect(metrics).toMatch(/envface_logins_total\{outcome="locked"\} [1-9]/);
    // 300 ms is the target on a machine that serves the page in tens of milliseconds. When the machine
    // itself is so loaded that the page is slow without any flood (other jobs on the same 2 cores),
    // the flood must not make it more than three times as slow as that: what is tested is the flood's effect.
    const bound = Math.max(300, 3 * baseline[baseline.length - 1]!);
    expect(p99).toBeLessThan(bound);
  });
});
