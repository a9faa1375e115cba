import { Client } from 'pg';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { ONE_PIXEL_PNG, penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Issue 15, "Audit trail": every human action leaves an append-only row with account, time, action,
 * target, reason and request id — here one of each kind the app has (imports and batch edits do not
 * exist in it yet), browsed and downloaded by an admin, and refused to be rewritten by the database.
 */
const A = usccOf('320104', 11);
const B = usccOf('320104', 12);

describe('audit trail: a row for every human action, browsed and downloaded by admins, append-only', () => {
  let t: PublicTestApp;
  let sql: Client;
  let inspector: string;

  /** Audit rows are written after the answer (a request never waits for them): wait for the row. */
  async function row(action: string, target?: string): Promise<Record<string, any>> {
    for (let i = 0; i < 100; i++) {
      const res = await sql.query(`SELECT * FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR target = $2) ORDER BY id DESC LIMIT 1`, [action, target ?? null]);
      if (res.rows[0]) return res.rows[0];
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no audit row ${action} ${target ?? ''}`);
  }

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    await t.ingest('registry', registration(A, '甲审计公司', 'aud-reg-a', '320104'));
    await t.ingest('registry', registration(B, '乙审计公司', 'aud-reg-b', '320104'));
    await t.ingest('enforcement', penalty(A, 'aud-pen-a', 'AUD-1'));
    await t.ingest('enforcement', penalty(A, 'aud-pen-a2', 'AUD-2', '2026-03-11T09:00:00+08:00'));
    await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ('aud-insp', $1, 'inspector'), ('aud-insp2', $1, 'inspector')`, [await hashPassword('aud-insp-pw-123')]);
    await sql.query(`INSERT INTO users (username, password_hash, role, enterprise_id) VALUES ('aud-co', $1, 'enterprise', $2)`, [await hashPassword('aud-co-pw-1234'), A]);
    inspector = await t.login('aud-insp', 'aud-insp-pw-123');
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('records each action with who, what, why and the request it came from', async () => {
    // Login success and failure.
    expect((await t.call('POST', '/api/auth/login', { body: { username: 'aud-insp', password: 'wrong-password-x' }, headers: { 'x-forwarded-for': '198.51.100.1' } })).status).toBe(401);
    expect((await row('login.failure', 'aud-insp')).detail.knownAccount).toBe(true);
    expect((await row('login.success')).actor_name).toBe('aud-insp');

    // Account changes: create (with a jurisdiction), jurisdiction, disable, enable, password reset.
    const created = await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username: 'aud-district', role: 'inspector', regionPrefixes: ['3201'] } });
    expect(created.status).toBe(201);
    expect((await row('account.created', 'aud-district')).detail).toMatchObject({ role: 'inspector', regionPrefixes: ['3201'] });
    expect((await t.call('POST', '/api/accounts/aud-district/jurisdiction', { token: t.adminToken, body: { regionPrefixes: ['320104'] } })).status).toBe(200);
    expect((await row('account.jurisdiction_changed', 'aud-district')).detail).toEqual({ from: ['3201'], to: ['320104'] });
    for (const step of ['disable', 'enable'] as const) expect((await t.call('POST', `/api/accounts/aud-district/${step}`, { token: t.adminToken })).status).toBe(204);
    await row('account.disabled', 'aud-district');
    await row('account.enabled', 'aud-district');
    expect((await t.call('POST', '/api/accounts/aud-district/password-reset', { token: t.adminToken })).status).toBe(200);
    expect((await row('password.reset', 'aud-district')).actor_name).toBe('admin');

    // QR token rotation: who rotated whose (never the token).
    expect((await t.call('POST', `/api/enterprises/${B}/public-token/rotate`, { token: inspector })).status).toBe(200);
    const rotated = await row('public_token.rotated', B);
    expect(rotated.actor_name).toBe('aud-insp');
    const newToken = (await sql.query('SELECT public_token FROM enterprises WHERE uscc = $1', [B])).rows[0].public_token;
    expect(JSON.stringify(rotated)).not.toContain(newToken);

    // Complaint decisions, with the reason.
    const tokenA = (await sql.query('SELECT public_token FROM enterprises WHERE uscc = $1', [A])).rows[0].public_token;
    const complaintIds: string[] = [];
    for (const [i, text] of ['黑烟一', '黑烟二'].entries()) {
      const form = new FormData();
      form.set('category', 'air');
      form.set('text', text);
      form.set('photo', new Blob([ONE_PIXEL_PNG], { type: 'image/png' }), 'p.png');
      const res = await t.call('POST', `/api/public/${tokenA}/complaints`, { raw: form, headers: { 'x-forwarded-for': `198.51.100.${20 + i}` } });
      expect(res.status).toBe(201);
      complaintIds.push(res.body.id);
    }
    expect((await t.call('POST', `/api/complaints/${complaintIds[0]}/verify`, { token: inspector, body: { reason: '现场核实属实' }, headers: { 'x-request-id': 'req-verify-0001' } })).status).toBe(200);
    const verified = await row('complaint.verified', `CMP-${complaintIds[0]}`);
    expect(verified).toMatchObject({ actor_name: 'aud-insp', reason: '现场核实属实', request_id: 'req-verify-0001' });
    expect((await t.call('POST', `/api/complaints/${complaintIds[1]}/dismiss`, { token: inspector, body: { reason: '重复举报' } })).status).toBe(200);
    const dismissed = await row('complaint.dismissed', `CMP-${complaintIds[1]}`);
    expect(dismissed).toMatchObject({ actor_name: 'aud-insp', reason: '重复举报' });
    // A made-up id when the caller sent none.
    expect(dismissed.request_id).toMatch(/^[0-9a-f-]{36}$/);

    // Appeal decisions, with the reason.
    const company = await t.login('aud-co', 'aud-co-pw-1234');
    const appeals: string[] = [];
    for (const eventId of ['aud-pen-a', 'aud-pen-a2']) {
      const res = await t.call('POST', '/api/appeals', { token: company, body: { eventId, reasons: '处罚依据有误' } });
      expect(res.status).toBe(201);
      appeals.push(res.body.id);
    }
    expect((await t.call('POST', `/api/appeals/${appeals[0]}/accept`, { token: inspector, body: { reason: '证据不足，撤销' } })).status).toBe(200);
    expect(await row('appeal.accepted', `appeal:${appeals[0]}`)).toMatchObject({ actor_name: 'aud-insp', reason: '证据不足，撤销' });
    // The revision the accepted appeal caused says who decided it and why (and the HTTP penalty who sent it).
    const voided = (await sql.query<{ enterprise_id: string; day: string; void_event_id: string }>(
      `SELECT r.enterprise_id, r.day::text AS day, a.void_event_id FROM appeals a JOIN daily_ratings r ON a.void_event_id = ANY(r.cause_event_ids)
        WHERE a.id = $1::bigint ORDER BY r.day LIMIT 1`,
      [appeals[0]],
    )).rows[0]!;
    const revisions = await t.call('GET', `/api/enterprises/${voided.enterprise_id}/ratings/${voided.day}/revisions`, { token: inspector });
    expect(revisions.status).toBe(200);
    expect(revisions.body.causes).toEqual(
      expect.arrayContaining([
        { eventId: voided.void_event_id, type: 'enforcement.voided', via: 'workflow', sender: null, decidedBy: 'aud-insp', reason: '证据不足，撤销' },
      ]),
    );
    expect((await t.call('POST', `/api/appeals/${appeals[1]}/reject`, { token: inspector, body: { reason: '处罚事实清楚' } })).status).toBe(200);
    expect(await row('appeal.rejected', `appeal:${appeals[1]}`)).toMatchObject({ actor_name: 'aud-insp', reason: '处罚事实清楚' });

    // HTTP ingest: the account (or key) and the event id.
    const inspection = { eventId: 'aud-insp-1', type: 'enforcement.inspection', enterpriseId: B, occurredAt: '2026-03-15T10:00:00+08:00', data: { inspectionId: 'AI-1', result: 'compliant' } };
    expect((await t.call('POST', '/api/ingest/enforcement', { token: inspector, body: inspection })).status).toBe(202);
    expect((await row('event.ingested', 'aud-insp-1')).detail).toMatchObject({ sentBy: expect.stringMatching(/^account:\d+:aud-insp$/), type: 'enforcement.inspection', enterpriseId: B, outcome: 'accepted' });

    // Plan creation.
    const plan = await t.call('POST', '/api/inspection-plans', { token: inspector, body: { name: '审计抽查', regionPrefixes: ['320104'], industryPrefixes: [], size: 1, inspectors: ['aud-insp', 'aud-insp2'], includeExempt: true } });
    expect(plan.status).toBe(201);
    expect((await row('inspection_plan.created', plan.body.id)).actor_name).toBe('aud-insp');

    // Re-drive of a dead letter.
    expect((await t.call('POST', '/api/ingest/monitoring', { token: t.adminToken, body: { eventId: 'aud-bad-1', type: 'monitoring.reading', enterpriseId: A, occurredAt: '2026-03-15T09:00:00+08:00', data: {} } })).status).toBe(400);
    const letter = (await sql.query(`SELECT id::text FROM dead_letters WHERE key = $1 ORDER BY id DESC LIMIT 1`, [A])).rows[0].id;
    expect((await t.call('POST', `/api/dead-letters/${letter}/redrive`, { token: inspector })).status).toBe(200);
    expect((await row('dead_letter.redriven', letter)).actor_name).toBe('aud-insp');

    // Exports: which export, the filters, how many rows.
    const csv = await t.call('GET', '/api/enterprises.csv?q=%E5%AE%A1%E8%AE%A1&lang=en', { token: inspector });
    expect(csv.status).toBe(200);
    const exported = await row('export.downloaded', '/api/enterprises.csv');
    expect(exported.actor_name).toBe('aud-insp');
    expect(exported.detail).toEqual({ filters: { q: '审计', lang: 'en' }, rows: 2, complete: true });
  });

  it('lets admins browse with filters and paging, and download the same as CSV and Excel; nobody else', async () => {
    const page1 = await t.call('GET', '/api/audit-log?actor=aud-insp&limit=3', { token: t.adminToken });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.items.every((e: { actor: string }) => e.actor === 'aud-insp')).toBe(true);
    const page2 = await t.call('GET', `/api/audit-log?actor=aud-insp&limit=3&before=${page1.body.nextCursor}`, { token: t.adminToken });
    expect(Number(page2.body.items[0].id)).toBeLessThan(Number(page1.body.items[2].id));
    // Newest first by number (ids pass 9 → 10 here: a text sort would put 9 first).
    const all = (await t.call('GET', '/api/audit-log?limit=500', { token: t.adminToken })).body.items.map((e: { id: string }) => Number(e.id));
    expect(all.length).toBeGreaterThan(10);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const complaints = await t.call('GET', '/api/audit-log?action=complaint.*', { token: t.adminToken });
    expect(complaints.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['complaint.dismissed', 'complaint.verified']);
    const byTarget = await t.call('GET', `/api/audit-log?target=${B}`, { token: t.adminToken });
    expect(byTarget.body.items.map((e: { action: string }) => e.action)).toEqual(['public_token.rotated']);
    const future = await t.call('GET', `/api/audit-log?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, { token: t.adminToken });
    expect(future.body).toEqual({ items: [], nextCursor: null });
    const until = await t.call('GET', `/api/audit-log?to=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}&limit=500`, { token: t.adminToken });
    expect(until.body.items.length).toBeGreaterThan(15);
    expect((await t.call('GET', '/api/audit-log?action=DROP%20TABLE', { token: t.adminToken })).status).toBe(400);
    expect((await t.call('GET', '/api/audit-log?from=yesterday', { token: t.adminToken })).status).toBe(400);
    expect((await t.call('GET', '/api/audit-log', { token: inspector })).status).toBe(403);
    expect((await t.call('GET', '/api/audit-log.csv', { token: inspector })).status).toBe(403);

    const csv = await t.call('GET', '/api/audit-log.csv?action=appeal.*&lang=en', { token: t.adminToken });
    expect(csv.status).toBe(200);
    const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('ID,At,Action,Actor,Target,Reason,Client,Request ID,Detail');
    expect(lines.slice(1).map((l) => l.split(',')[2]).sort()).toEqual(['appeal.accepted', 'appeal.rejected']);
    const xlsx = await fetch(`${t.app.url}/api/audit-log.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    // Downloading the trail is itself recorded.
    expect((await row('export.downloaded', '/api/audit-log.csv')).detail).toMatchObject({ filters: { action: 'appeal.*', lang: 'en' }, rows: 2 });
  });

  it('is kept append-only by the database: UPDATE, DELETE and TRUNCATE fail', async () => {
    const before = (await sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    await expect(sql.query(`UPDATE audit_log SET reason = 'rewritten' WHERE action = 'complaint.dismissed'`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM audit_log WHERE action = 'export.downloaded'`)).rejects.toThrow(/append-only/);
    await expect(sql.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBeGreaterThanOrEqual(before);
    expect((await row('complaint.dismissed')).reason).toBe('重复举报');
  });
});
