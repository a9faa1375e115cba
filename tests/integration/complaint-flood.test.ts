import { solveChallenge } from 'altcha-lib/v1';
import { Client } from 'pg';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { COMPLAINT_LIMITS } from '../../backend/src/workflows/complaints/complaint.service';
import { registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Issue #15 finding 5: a flood of reports about one enterprise must not silence it. Past the volume
 * threshold, reports are still accepted — flagged, and each with a solved proof-of-work challenge —
 * and the inspectors are alerted. The per-client limit stays.
 */
const FLOODED = usccOf('320102', 41);
const QUIET = usccOf('320104', 42);
const THRESHOLD = COMPLAINT_LIMITS.highVolume.count;
const PER_CLIENT = COMPLAINT_LIMITS.perClient.count;

interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** What the public page does: solve with altcha-lib's solver, send the base64 JSON payload. */
async function solve(c: Challenge): Promise<string> {
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  expect(solution).not.toBeNull();
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution!.number, salt: c.salt, signature: c.signature })).toString('base64');
}

describe('complaint flood: accepted and flagged past the threshold, with a challenge, inspectors alerted', () => {
  let t: PublicTestApp;
  let sql: Client;
  let token: string;
  let quietToken: string;

  const report = (text: string, client: string, extra: Record<string, unknown> = {}, publicToken = token) =>
    t.call('POST', `/api/public/${publicToken}/complaints`, { body: { category: 'odour', text, ...extra }, headers: { 'x-forwarded-for': client } });
  const challengeFor = (client: string, publicToken = token) =>
    t.call('GET', `/api/public/${publicToken}/complaints/challenge`, { headers: { 'x-forwarded-for': client } });
  const tokenOf = async (uscc: string): Promise<string> =>
    new URL((await t.call('GET', `/api/enterprises/${uscc}/sign`, { token: t.adminToken })).body.publicUrl).pathname.split('/').pop()!;

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    await t.ingest('registry', registration(FLOODED, '被刷屏的化工厂', 'flood-reg-1', '320102'));
    await t.ingest('registry', registration(QUIET, '安静的纸厂', 'flood-reg-2', '320104'));
    token = await tokenOf(FLOODED);
    quietToken = await tokenOf(QUIET);
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('accepts a fresh reporter after a flood from many clients, once it solves the challenge', async () => {
    // Before the flood: no challenge needed, reports are not flagged.
    expect((await challengeFor('203.0.113.200')).body).toMatchObject({ required: false, challenge: { algorithm: 'SHA-256' } });

    // The flood: THRESHOLD reports spread over many clients (each within its own limit).
    const floodIds: string[] = [];
    for (let i = 0; i < THRESHOLD; i++) {
      const res = await report(`刷屏 ${i}`, `198.51.100.${Math.floor(i / PER_CLIENT) + 1}`);
      expect([i, res.status]).toEqual([i, 201]);
      floodIds.push(res.body.id);
    }
    // The per-client limit stays: the last flooding client is refused on its next report.
    const lastFlooder = `198.51.100.${Math.floor((THRESHOLD - 1) / PER_CLIENT) + 1}`;
    expect((await report('再刷', lastFlooder)).body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });

    // A fresh reporter is told a challenge is required now; without one, or with a bad one: 400.
    const fresh = '203.0.113.7';
    const asked = await challengeFor(fresh);
    expect(asked.status).toBe(200);
    expect(asked.body.required).toBe(true);
    expect((await report('真实举报', fresh)).body).toMatchObject({ error: { code: 'challenge_required' } });
    expect((await report('真实举报', fresh)).status).toBe(400);
    const wrongNumber = Buffer.from(JSON.stringify({ ...asked.body.challenge, number: -1 })).toString('base64');
    expect((await report('真实举报', fresh, { altcha: wrongNumber })).body).toMatchObject({ error: { code: 'challenge_failed' } });
    expect((await report('真实举报', fresh, { altcha: 'not base64 json' })).status).toBe(400);
    // A challenge signed with another key (e.g. forged) is refused too.
    const forged = await solve({ ...asked.body.challenge, signature: 'f'.repeat(64) });
    expect((await report('真实举报', fresh, { altcha: forged })).body).toMatchObject({ error: { code: 'challenge_failed' } });
    // Nothing was stored by the refusals.
    expect((await sql.query('SELECT count(*)::int AS n FROM complaints WHERE enterprise_id = $1', [FLOODED])).rows[0].n).toBe(THRESHOLD);

    // Solved: accepted (201), and flagged.
    const altcha = await solve(asked.body.challenge);
    const accepted = await report('夜间偷排，气味刺鼻', fresh, { altcha });
    expect(accepted.status).toBe(201);
    expect(accepted.body.reference).toBe(`CMP-${accepted.body.id}`);
    // The same solution cannot be spent twice (another client replaying it).
    expect((await report('重放', '203.0.113.8', { altcha })).body).toMatchObject({ error: { code: 'challenge_failed' } });

    // As multipart too (the public page sends a form).
    const form = new FormData();
    form.set('category', 'water');
    form.set('text', '排污口冒黑水');
    form.set('altcha', await solve((await challengeFor('203.0.113.9')).body.challenge));
    expect((await t.call('POST', `/api/public/${token}/complaints`, { raw: form, headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(201);

    // The inspectors' queue: the flood is not flagged, everything past the threshold is.
    const queue = await t.call('GET', `/api/complaints?enterpriseId=${FLOODED}&limit=200`, { token: t.adminToken });
    expect(queue.status).toBe(200);
    const flaggedOf = new Map<string, boolean>(queue.body.items.map((c: { id: string; flagged: boolean }) => [c.id, c.flagged]));
    expect(floodIds.map((id) => flaggedOf.get(id))).toEqual(floodIds.map(() => false));
    expect(queue.body.items.filter((c: { flagged: boolean }) => c.flagged).map((c: { text: string }) => c.text)).toEqual(['夜间偷排，气味刺鼻', '排污口冒黑水']);
    expect((await t.call('GET', `/api/complaints/${accepted.body.id}`, { token: t.adminToken })).body.flagged).toBe(true);

    // Another enterprise is untouched: no challenge, not flagged.
    expect((await challengeFor('203.0.113.7', quietToken)).body.required).toBe(false);
    const quiet = await report('噪音扰民', '203.0.113.7', {}, quietToken);
    expect(quiet.status).toBe(201);
    expect((await t.call('GET', `/api/complaints/${quiet.body.id}`, { token: t.adminToken })).body.flagged).toBe(false);
  });

  it('alerts inspectors: the early warning (inside their jurisdiction) and one audit row per crossing', async () => {
    const alerts = await t.call('GET', '/api/complaint-alerts', { token: t.adminToken });
    expect(alerts.status).toBe(200);
    expect(alerts.body).toMatchObject({ threshold: THRESHOLD, windowSeconds: COMPLAINT_LIMITS.highVolume.seconds });
    expect(alerts.body.items).toEqual([{ enterpriseId: FLOODED, enterpriseName: '被刷屏的化工厂', reports: THRESHOLD + 2, flagged: 2, firstFlaggedAt: expect.any(String) }]);

    // A district inspector elsewhere does not see it; one of the district does.
    await sql.query(
      `INSERT INTO users (username, password_hash, role, region_prefixes) VALUES ('flood-far', $1, 'inspector', '{320104}'), ('flood-near', $1, 'inspector', '{3201}')`,
      [await hashPassword('flood-insp-pw-123')],
    );
    expect((await t.call('GET', '/api/complaint-alerts', { token: await t.login('flood-far', 'flood-insp-pw-123') })).body.items).toEqual([]);
    expect((await t.call('GET', '/api/complaint-alerts', { token: await t.login('flood-near', 'flood-insp-pw-123') })).body.items).toHaveLength(1);
    // Staff only.
    expect((await t.call('GET', '/api/complaint-alerts')).status).toBe(401);

    // Audit trail: one row when the threshold was crossed (not one per flagged report).
    const rows = (await sql.query(`SELECT actor_id, target, detail FROM audit_log WHERE action = 'complaint.high_volume'`)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: null, target: FLOODED, detail: { threshold: THRESHOLD } });
  });
});
