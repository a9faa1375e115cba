import { Client } from 'pg';
import { NOW, TODAY, movableClock, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Issue 14 §5 on a running app: verifying a complaint needs a reason and answers what it costs (from
 * the rule book); an undo within 10 minutes voids the complaint_verified event through the pipeline
 * (the rating comes back), is audited and puts the complaint back in the queue; later it is refused.
 */
const E = usccOf('320102', 41);

describe('verifying a complaint and taking it back', () => {
  const clock = movableClock(NOW);
  let t: PublicTestApp;
  let sql: Client;
  let publicToken: string;

  const report = async (text: string): Promise<string> => {
    const res = await t.call('POST', `/api/public/${publicToken}/complaints`, { body: { category: 'odour', text }, headers: { 'x-forwarded-for': `192.0.2.${text.length}` } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const rating = async () => (await t.call('GET', `/api/enterprises/${E}/ratings/${TODAY}`, { token: t.adminToken })).body as { score: number; effects: { indicator: string }[] };

  beforeAll(async () => {
    t = await startPublicTestApp({ clock });
    await t.ingest('registry', registration(E, '南京秋实化工有限公司', 'reg-cv-1'));
    const sign = await t.call('GET', `/api/enterprises/${E}/sign`, { token: t.adminToken });
    publicToken = new URL(sign.body.publicUrl).pathname.split('/').pop()!;
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('refuses a verification without a reason, and states the consequence from the rule book', async () => {
    const id = await report('夜里刺鼻气味');
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { note: '旧字段' }]) {
      const res = await t.call('POST', `/api/complaints/${id}/verify`, { token: t.adminToken, body });
      expect([JSON.stringify(body), res.status, res.body.error?.code]).toEqual([JSON.stringify(body), 400, 'invalid_input']);
    }
    const pending = await t.call('GET', `/api/complaints/${id}`, { token: t.adminToken });
    expect(pending.body).toMatchObject({ status: 'pending', undoUntil: null });
    const model = await t.call('GET', '/api/model');
    expect(pending.body.consequence).toEqual({ indicator: 'S1', target: 'S', points: 20, days: 90, weight: model.body.default.weights.S, public: true });
  });

  it('verifies (the rating drops), undoes within 10 minutes (the rating comes back, audited), refuses later', async () => {
    const before = await rating();
    const id = await report('排污口有黑水');
    const verified = await t.call('POST', `/api/complaints/${id}/verify`, { token: t.adminToken, body: { reason: '现场核实属实' } });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', decisionReason: '现场核实属实', eventId: `complaint-verified-${id}` });
    expect(Date.parse(verified.body.undoUntil)).toBe(clock.now() + 10 * 60_000);
    const dropped = await rating();
    expect(dropped.score).toBeLessThan(before.score);
    expect(dropped.effects.map((e) => e.indicator)).toContain('S1');

    // Nine minutes later: still allowed, and it needs a reason too.
    clock.advance(9 * 60_000);
    expect((await t.call('POST', `/api/complaints/${id}/undo-verification`, { token: t.adminToken, body: {} })).status).toBe(400);
    const undone = await t.call('POST', `/api/complaints/${id}/undo-verification`, { token: t.adminToken, body: { reason: '点错了企业' } });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'pending', eventId: null, decisionReason: null, undoUntil: null });
    const restored = await rating();
    expect(restored.score).toBe(before.score);
    expect(restored.effects.map((e) => e.indicator)).not.toContain('S1');
    // The void went through the pipeline like any other event.
    const voided = await sql.query(`SELECT sent_by FROM event_ids WHERE event_id = $1`, [`complaint-verified-${id}.undone`]);
    expect(voided.rows).toEqual([{ sent_by: 'workflow:enforcement.voided' }]);
    const audit = await sql.query(`SELECT actor_name, reason, detail FROM audit_log WHERE action = 'complaint.verification_undone' AND target = $1`, [`CMP-${id}`]);
    expect(audit.rows).toEqual([{ actor_name: 'admin', reason: '点错了企业', detail: expect.objectContaining({ enterpriseId: E, eventId: `complaint-verified-${id}` }) }]);
    // Undoing twice is not possible: it is pending again.
    expect((await t.call('POST', `/api/complaints/${id}/undo-verification`, { token: t.adminToken, body: { reason: '再来一次' } })).body.error?.code).toBe('not_verified');

    // Verified again: a new event id (the first stays void), and the deduction is back.
    const again = await t.call('POST', `/api/complaints/${id}/verify`, { token: t.adminToken, body: { reason: '复查后确认属实' } });
    expect(again.body).toMatchObject({ status: 'verified', eventId: `complaint-verified-${id}.2` });
    expect((await rating()).score).toBe(dropped.score);

    // Ten minutes and a second later: refused with a clear 409, and nothing changed.
    clock.advance(10 * 60_000 + 1000);
    expect((await t.call('GET', `/api/complaints/${id}`, { token: t.adminToken })).body.undoUntil).toBeNull();
    const late = await t.call('POST', `/api/complaints/${id}/undo-verification`, { token: t.adminToken, body: { reason: '太晚了' } });
    expect([late.status, late.body.error?.code]).toEqual([409, 'undo_window_closed']);
    expect(late.body.error.message).toMatch(/10 minutes/);
    expect((await t.call('GET', `/api/complaints/${id}`, { token: t.adminToken })).body.status).toBe('verified');
    expect((await rating()).score).toBe(dropped.score);
  });

  it('refuses undoing a dismissal, an unknown complaint, and the public', async () => {
    const id = await report('噪声扰民');
    await t.call('POST', `/api/complaints/${id}/dismiss`, { token: t.adminToken, body: { reason: '不属实' } });
    const res = await t.call('POST', `/api/complaints/${id}/undo-verification`, { token: t.adminToken, body: { reason: 'x' } });
    expect([res.status, res.body.error?.code]).toEqual([409, 'not_verified']);
    expect((await t.call('POST', `/api/complaints/999999/undo-verification`, { token: t.adminToken, body: { reason: 'x' } })).status).toBe(404);
    expect((await t.call('POST', `/api/complaints/${id}/undo-verification`, { body: { reason: 'x' } })).status).toBe(401);
  });

  it('lets the citizen follow a report with its reference and the code shown once (#14 §6)', async () => {
    const sent = await t.call('POST', `/api/public/${publicToken}/complaints`, { body: { category: 'noise', text: '凌晨施工噪声' }, headers: { 'x-forwarded-for': '192.0.2.201' } });
    expect(sent.body).toMatchObject({ reference: `CMP-${sent.body.id}`, followCode: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/) });
    const { reference, followCode } = sent.body as { reference: string; followCode: string };
    // Only a hash is stored.
    const stored = await sql.query(`SELECT follow_code_hash FROM complaints WHERE id = $1`, [sent.body.id]);
    expect(stored.rows[0].follow_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.rows[0])).not.toContain(followCode);

    const follow = (body: unknown, client = '192.0.2.202') => t.call('POST', '/api/public/complaints/follow', { body, headers: { 'x-forwarded-for': client } });
    const received = await follow({ reference, code: followCode });
    expect(received.status).toBe(200);
    expect(received.body).toEqual({ reference, enterpriseName: '南京秋实化工有限公司', category: 'noise', receivedAt: expect.any(String), status: 'received', decidedAt: null, reason: null });
    // A wrong code answers exactly like an unknown reference.
    const wrong = await follow({ reference, code: 'AAAAAAAAAAAA' });
    const unknown = await follow({ reference: 'CMP-999999', code: followCode });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    expect((await follow({ reference: 'x', code: followCode })).status).toBe(400);

    await t.call('POST', `/api/complaints/${sent.body.id}/dismiss`, { token: t.adminToken, body: { reason: '经查为市政工程，已取得夜间施工许可' } });
    expect((await follow({ reference: reference.toLowerCase(), code: followCode })).body).toMatchObject({ status: 'dismissed', reason: '经查为市政工程，已取得夜间施工许可', decidedAt: expect.any(String) });

    // Guessing is rate-limited per client.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await follow({ reference, code: `guess-${i}` }, '192.0.2.203')).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
