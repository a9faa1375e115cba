import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { verifyPlan } from '@envface/streams';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { TODAY, penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Inspection plans (双随机、一公开) through the API: inspector pool checks, the draw, the public plan
 * without inspectors, the population file hashing to the snapshot, a recorded violation scoring E1,
 * cancel, and the database refusing any other change to a plan.
 */
describe('inspection plans', () => {
  let t: PublicTestApp;
  let sql: Client;
  const tokens: Record<string, string> = {};
  // Nanjing 3201xx (in scope) and Suzhou 3205xx (out of scope).
  const nanjing = Array.from({ length: 8 }, (_, i) => usccOf(i < 4 ? '320102' : '320104', i + 1));
  const suzhou = [usccOf('320505', 20), usccOf('320505', 21)];

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    for (const [i, uscc] of nanjing.entries()) await t.ingest('registry', registration(uscc, `南京${i}号化工有限公司`, `ip-reg-${i}`, i < 4 ? '320102' : '320104'));
    for (const [i, uscc] of suzhou.entries()) await t.ingest('registry', registration(uscc, `苏州${i}号有限公司`, `ip-reg-sz-${i}`, '320505'));
    // Some below five stars so the weights differ.
    await t.ingest('enforcement', penalty(nanjing[0]!, 'ip-pen-0', 'NJ-0'));
    await t.ingest('enforcement', penalty(nanjing[5]!, 'ip-pen-5', 'NJ-5'));
    const hash = await hashPassword('inspector-pw-123');
    for (const name of ['zhang.wei', 'li.na', 'wang.fang']) {
      await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ($1, $2, 'inspector')`, [name, hash]);
      tokens[name] = await t.login(name, 'inspector-pw-123');
    }
    await sql.query(`INSERT INTO users (username, password_hash, role, disabled) VALUES ('gone', $1, 'inspector', true)`, [hash]);
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    name: '2026年3月 双随机抽查', day: TODAY, regionPrefixes: ['3201'], industryPrefixes: [], size: 4,
    inspectors: ['zhang.wei', 'li.na', 'wang.fang'], includeExempt: false, ...over,
  });

  it('refuses a pool of fewer than two, unknown, disabled or non-inspector accounts, and bad input (400)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ inspectors: ['zhang.wei'] }, 'invalid_input'],
      [{ inspectors: [] }, 'invalid_input'],
      [{ inspectors: ['zhang.wei', 'nobody'] }, 'unknown_inspectors'],
      [{ inspectors: ['zhang.wei', 'gone'] }, 'unknown_inspectors'],
      [{ inspectors: ['zhang.wei', 'admin'] }, 'unknown_inspectors'],
      [{ inspectors: ['zhang.wei', 'zhang.wei'] }, 'invalid_input'],
      [{ size: 0 }, 'invalid_input'],
      [{ regionPrefixes: ['32%'] }, 'invalid_input'],
      [{ day: '2026-03-16' }, 'invalid_input'],
      [{ name: 'a\u0000b' }, 'invalid_input'],
      [{ regionPrefixes: ['4401'] }, 'empty_population'],
      [{ extra: 1 }, 'invalid_input'],
    ];
    for (const [over, code] of cases) {
      const res = await t.call('POST', '/api/inspection-plans', { token: tokens['zhang.wei'], body: body(over) });
      expect([JSON.stringify(over), res.status, res.body.error?.code]).toEqual([JSON.stringify(over), 400, code]);
    }
  });

  it('draws a plan; the public plan hides the inspectors; population.csv hashes to the snapshot and recomputes', async () => {
    const created = await t.call('POST', '/api/inspection-plans', { token: tokens['zhang.wei'], body: body() });
    expect(created.status).toBe(201);
    const plan = created.body;
    expect(plan).toMatchObject({ name: '2026年3月 双随机抽查', day: TODAY, populationSize: 8, status: 'active' });
    expect(plan.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.drawn).toHaveLength(4);
    for (const d of plan.drawn) {
      expect(nanjing).toContain(d.uscc);
      expect(d.inspectors).toHaveLength(2);
      expect(d.result).toBeNull();
      expect(d.name).toMatch(/^南京/);
    }
    // Two different inspectors each; nobody above the cap ceil(2 · 4 / 3) = 3, except by one when the cap
    // left a single name for the last enterprise (the seed is random: docs/supervision.md).
    const load = new Map<string, number>();
    for (const d of plan.drawn) {
      expect(new Set(d.inspectors).size).toBe(2);
      for (const n of d.inspectors) load.set(n, (load.get(n) ?? 0) + 1);
    }
    expect(Math.max(...load.values())).toBeLessThanOrEqual(4);

    expect((await t.call('GET', `/api/inspection-plans/${plan.id}`, { token: tokens['li.na'] })).body).toEqual(plan);
    // Expected frequency per star level for the plan page: sums to the size, counts add to the population.
    expect(plan.expectedByStars.reduce((s: number, l: { count: number }) => s + l.count, 0)).toBe(8);
    expect(plan.expectedByStars.reduce((s: number, l: { expectedDrawn: number }) => s + l.expectedDrawn, 0)).toBeCloseTo(4, 9);

    const pub = await t.call('GET', `/api/public/inspection-plans/${plan.id}`);
    expect(pub.status).toBe(200);
    expect(Object.keys(pub.body.drawn[0]).sort()).toEqual(['key', 'name', 'rank', 'result', 'stars', 'uscc', 'weight']);
    expect(pub.body.expectedByStars).toBeUndefined();
    const text = JSON.stringify(pub.body);
    for (const name of ['zhang.wei', 'li.na', 'wang.fang']) expect(text).not.toContain(name);
    expect(pub.body.drawn.map((d: { uscc: string }) => d.uscc)).toEqual(plan.drawn.map((d: { uscc: string }) => d.uscc));

    const csv = await fetch(`${t.app.url}/api/public/inspection-plans/${plan.id}/population.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(plan.snapshotSha256);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => l.split(',')[0])).toEqual([...nanjing].sort());
    expect(lines.find((l) => l.startsWith(nanjing[0]!))).not.toMatch(/,5$/); // the penalised one is below 5★
    // Anyone can recompute the draw from the published seed and file.
    expect(verifyPlan(pub.body, bytes.toString('utf8')).ok).toBe(true);

    const list = await t.call('GET', '/api/inspection-plans', { token: tokens['li.na'] });
    expect(list.body.plans[0]).toMatchObject({ id: plan.id, drawnCount: 4, recordedCount: 0, status: 'active' });
  });

  it('records a violation by a drawn inspector as an enforcement.inspection event: E1 on the day, result on the plan', async () => {
    const plan = (await t.call('POST', '/api/inspection-plans', { token: tokens['zhang.wei'], body: body({ name: '结果测试', size: 2 }) })).body;
    const target = plan.drawn[0];
    const outsider = ['zhang.wei', 'li.na', 'wang.fang'].find((n) => !target.inspectors.includes(n));
    if (outsider) {
      const refused = await t.call('POST', `/api/inspection-plans/${plan.id}/results`, { token: tokens[outsider], body: { uscc: target.uscc, result: 'violation_found' } });
      expect(refused.status).toBe(403);
    }
    const notDrawn = nanjing.find((u) => !plan.drawn.some((d: { uscc: string }) => d.uscc === u))!;
    expect((await t.call('POST', `/api/inspection-plans/${plan.id}/results`, { token: tokens[target.inspectors[0]], body: { uscc: notDrawn, result: 'compliant' } })).status).toBe(404);

    const recorded = await t.call('POST', `/api/inspection-plans/${plan.id}/results`, {
      token: tokens[target.inspectors[0]],
      body: { uscc: target.uscc, result: 'violation_found', findings: '废水排放口COD超标' },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.drawn[0].result).toBe('violation_found');
    const again = await t.call('POST', `/api/inspection-plans/${plan.id}/results`, { token: tokens[target.inspectors[1]], body: { uscc: target.uscc, result: 'compliant' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'result_recorded']);

    const day = await t.call('GET', `/api/enterprises/${target.uscc}/ratings/${TODAY}`, { token: tokens['li.na'] });
    expect(day.status).toBe(200);
    const e1 = day.body.effects.filter((e: { indicator: string }) => e.indicator === 'E1');
    expect(e1).toHaveLength(1);
    expect(JSON.stringify(e1[0])).toContain(`inspection-plan-${plan.id}-${target.uscc}`);
    const stored = await sql.query(`SELECT body FROM events WHERE event_id = $1`, [`inspection-plan-${plan.id}-${target.uscc}`]);
    expect(stored.rows[0].body.data).toMatchObject({ planId: plan.id, result: 'violation_found', findings: '废水排放口COD超标' });

    expect((await t.call('GET', `/api/public/inspection-plans/${plan.id}`)).body.drawn[0].result).toBe('violation_found');
    const mine = await t.call('GET', '/api/inspection-plans?mine=true', { token: tokens[target.inspectors[0]] });
    expect(mine.body.plans.find((p: { id: string }) => p.id === plan.id)).toMatchObject({ recordedCount: 1, drawnCount: 2 });
  });

  it('cancels once with a reason; the database refuses every other change and any delete', async () => {
    const plan = (await t.call('POST', '/api/inspection-plans', { token: tokens['li.na'], body: body({ name: '取消测试' }) })).body;
    expect((await t.call('POST', `/api/inspection-plans/${plan.id}/cancel`, { token: tokens['li.na'], body: {} })).status).toBe(400);
    const cancelled = await t.call('POST', `/api/inspection-plans/${plan.id}/cancel`, { token: tokens['li.na'], body: { reason: '范围选错' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '范围选错', cancelledBy: 'li.na', seed: plan.seed, drawn: plan.drawn });
    expect((await t.call('POST', `/api/inspection-plans/${plan.id}/cancel`, { token: tokens['li.na'], body: { reason: 'again' } })).status).toBe(409);
    const late = await t.call('POST', `/api/inspection-plans/${plan.id}/results`, { token: tokens[plan.drawn[0].inspectors[0]], body: { uscc: plan.drawn[0].uscc, result: 'compliant' } });
    expect([late.status, late.body.error.code]).toEqual([409, 'plan_cancelled']);
    const pub = await t.call('GET', `/api/public/inspection-plans/${plan.id}`);
    expect(pub.body).toMatchObject({ status: 'cancelled', cancelReason: '范围选错' });
    expect(pub.body.cancelledBy).toBeUndefined();
    // Who created and who cancelled it is in the append-only audit trail.
    await new Promise((r) => setTimeout(r, 200)); // the cancel's audit row is written after the answer
    const audit = await sql.query(`SELECT action, actor_name, detail FROM audit_log WHERE target = $1 AND action LIKE 'inspection_plan.%' ORDER BY id`, [plan.id]);
    expect(audit.rows).toEqual([
      { action: 'inspection_plan.created', actor_name: 'li.na', detail: expect.objectContaining({ name: '取消测试', seed: plan.seed, snapshotSha256: plan.snapshotSha256 }) },
      { action: 'inspection_plan.cancelled', actor_name: 'li.na', detail: { reason: '范围选错' } },
    ]);

    const open = (await t.call('POST', '/api/inspection-plans', { token: tokens['li.na'], body: body({ name: '不可改' }) })).body;
    await expect(sql.query(`UPDATE inspection_plans SET seed = repeat('0', 64) WHERE id = $1`, [open.id])).rejects.toThrow(/immutable/);
    await expect(sql.query(`UPDATE inspection_plans SET population = '' WHERE id = $1`, [open.id])).rejects.toThrow(/immutable/);
    await expect(sql.query(`UPDATE inspection_plans SET cancel_reason = 'x', cancelled_at = now(), cancelled_by = 'x' WHERE id = $1`, [plan.id])).rejects.toThrow(/cancelled/);
    await expect(sql.query(`DELETE FROM inspection_plans WHERE id = $1`, [open.id])).rejects.toThrow(/kept/);
    await expect(sql.query(`UPDATE inspection_plan_draws SET rank = rank + 100 WHERE plan_id = $1`, [open.id])).rejects.toThrow(/immutable/);
    await expect(sql.query(`DELETE FROM inspection_plan_draws WHERE plan_id = $1`, [open.id])).rejects.toThrow(/immutable/);
  });

  it('leaves members of the exemption list out of the population unless includeExempt', async () => {
    // 180 days of 5★ need half a year of history; the exemption run is written as the scorer would.
    await sql.query(`INSERT INTO list_memberships (list, enterprise_id, from_day, to_day) VALUES ('exempt', $1, '2026-03-10', NULL)`, [nanjing[2]]);
    const without = (await t.call('POST', '/api/inspection-plans', { token: tokens['li.na'], body: body({ name: '豁免', size: 20 }) })).body;
    expect(without.populationSize).toBe(7);
    expect(without.drawn.map((d: { uscc: string }) => d.uscc)).not.toContain(nanjing[2]);
    const withExempt = (await t.call('POST', '/api/inspection-plans', { token: tokens['li.na'], body: body({ name: '含豁免', size: 20, includeExempt: true }) })).body;
    expect(withExempt.populationSize).toBe(8);
    expect(withExempt.drawn.map((d: { uscc: string }) => d.uscc)).toContain(nanjing[2]);
    await sql.query(`DELETE FROM list_memberships WHERE enterprise_id = $1 AND list = 'exempt'`, [nanjing[2]]);
  });

  it('answers 404 for unknown plans and 401 without a token on staff routes', async () => {
    expect((await t.call('GET', '/api/public/inspection-plans/999999')).status).toBe(404);
    expect((await t.call('GET', '/api/public/inspection-plans/999999/population.csv')).status).toBe(404);
    expect((await t.call('GET', '/api/public/inspection-plans/abc')).status).toBe(400);
    expect((await t.call('GET', '/api/inspection-plans/1')).status).toBe(401);
    expect((await t.call('POST', '/api/inspection-plans', { body: body() })).status).toBe(401);
  });
});
