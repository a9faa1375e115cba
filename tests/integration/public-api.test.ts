import * as QRCode from 'qrcode';
import sharp from 'sharp';
import { io, type Socket } from 'socket.io-client';
import { ONE_PIXEL_PNG, TODAY, penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Issue 6 end to end on a running app: QR codes and token rotation, the public view (exact field set,
 * voided penalties left out, under-appeal badge), the /public live channel, public reports and the
 * inspectors' complaint queue (verify goes through the pipeline), enterprise accounts with a forced
 * password change, the portal, and appeals whose acceptance voids the event and revises the days.
 */
const E1 = usccOf('320102', 1);
const E2 = usccOf('320102', 2);
const PUBLIC_KEYS = ['colour', 'face', 'grade', 'last30', 'name', 'penalties', 'score', 'stars', 'underAppeal', 'uscc'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('public page, complaints, appeals and the enterprise portal', () => {
  let t: PublicTestApp;
  let tokenE1: string;
  const sockets: Socket[] = [];

  const publicTokenOf = async (uscc: string): Promise<string> => {
    const sign = await t.call('GET', `/api/enterprises/${uscc}/sign`, { token: t.adminToken });
    expect(sign.status).toBe(200);
    return new URL(sign.body.publicUrl).pathname.split('/').pop()!;
  };

  beforeAll(async () => {
    t = await startPublicTestApp({ env: { PUBLIC_BASE_URL: 'https://envface.example.cn/' } });
    await t.ingest('registry', registration(E1, '南京绿源化工有限公司', 'reg-e1'));
    await t.ingest('registry', registration(E2, '南京清流纸业有限公司', 'reg-e2'));
    await t.ingest('enforcement', penalty(E1, 'pen-e1-1', 'NJ-2026-001'));
    await t.ingest('enforcement', penalty(E1, 'pen-e1-2', 'NJ-2026-002', '2026-03-12T09:00:00+08:00'));
    // A voided penalty is as if it never arrived: it must not appear publicly.
    await t.ingest('enforcement', penalty(E1, 'pen-e1-3', 'NJ-2026-003', '2026-03-13T09:00:00+08:00'));
    await t.ingest('enforcement', { eventId: 'void-e1-3', type: 'enforcement.voided', enterpriseId: E1, occurredAt: '2026-03-14T09:00:00+08:00', data: { targetEventId: 'pen-e1-3', reason: '立案错误' } });
    tokenE1 = await publicTokenOf(E1);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
  });

  it('serves QR codes of PUBLIC_BASE_URL/q/<token> to inspectors only', async () => {
    expect(tokenE1).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const url = `https://envface.example.cn/q/${tokenE1}`;
    const svg = await t.call('GET', `/api/enterprises/${E1}/qr.svg`, { token: t.adminToken });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    // Same URL, same options → the same symbol: the SVG encodes exactly that URL.
    expect(svg.body).toBe(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    const png = await fetch(`${t.app.url}/api/enterprises/${E1}/qr.png`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes).toEqual(await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 }));

    expect((await t.call('GET', `/api/enterprises/${E1}/qr.svg`)).status).toBe(401);
    expect((await t.call('GET', `/api/enterprises/${usccOf('320102', 99)}/qr.png`, { token: t.adminToken })).status).toBe(404);
    const region = await t.call('GET', '/api/signs?region=320102', { token: t.adminToken });
    expect(region.status).toBe(200);
    expect(region.body.items.map((s: { uscc: string }) => s.uscc).sort()).toEqual([E1, E2].sort());
    expect(region.body.items[0].qrSvg).toMatch(/^<svg/);
  });

  it('answers the public view with exactly the public fields, without voided penalties', async () => {
    const res = await t.call('GET', `/api/public/${tokenE1}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(PUBLIC_KEYS);
    const internal = await t.call('GET', `/api/enterprises/${E1}/ratings/${TODAY}`, { token: t.adminToken });
    expect(res.body).toMatchObject({
      name: '南京绿源化工有限公司',
      uscc: E1,
      score: internal.body.score,
      stars: internal.body.stars,
      face: internal.body.face,
      colour: internal.body.colour,
      grade: internal.body.grade,
      underAppeal: false,
    });
    expect(res.body.score).toBeLessThan(100);
    expect(res.body.penalties).toEqual([
      { day: '2026-03-12', caseNo: 'NJ-2026-002', violation: '超标排放废水', publicText: 'NJ-2026-002：超标排放，罚款5万元' },
      { day: '2026-03-10', caseNo: 'NJ-2026-001', violation: '超标排放废水', publicText: 'NJ-2026-001：超标排放，罚款5万元' },
    ]);
    expect(res.body.last30.map((d: { day: string }) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
    for (const d of res.body.last30) expect(Object.keys(d).sort()).toEqual(['day', 'face', 'stars']);
    expect(res.body.last30[0]).toEqual({ day: '2026-03-01', stars: 5, face: 'smile' });

    expect((await t.call('GET', '/api/public/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await t.call('GET', '/api/public/short')).body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('stores reports without touching the rating; rate limits, size and type checks', async () => {
    const before = (await t.call('GET', `/api/public/${tokenE1}`)).body;
    const form = new FormData();
    form.set('category', 'water');
    form.set('text', '排污口夜间排放黑水');
    form.set('contact', '13800000000');
    form.set('photo', new Blob([ONE_PIXEL_PNG], { type: 'image/png' }), 'photo.png');
    const created = await t.call('POST', `/api/public/${tokenE1}/complaints`, { raw: form, headers: { 'x-forwarded-for': '203.0.113.1' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), reference: `CMP-${created.body.id}`, receivedAt: expect.any(String), followCode: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/) });
    expect((await t.call('GET', `/api/public/${tokenE1}`)).body).toEqual(before);

    const json = await t.call('POST', `/api/public/${tokenE1}/complaints`, { body: { category: 'odour', text: '刺鼻气味' }, headers: { 'x-forwarded-for': '203.0.113.2' } });
    expect(json.status).toBe(201);

    const gif = new FormData();
    gif.set('category', 'air');
    gif.set('text', 'smoke');
    gif.set('photo', new Blob([Buffer.from('GIF89a\x01\x00\x01\x00')], { type: 'image/png' }), 'x.png');
    const badType = await t.call('POST', `/api/public/${tokenE1}/complaints`, { raw: gif, headers: { 'x-forwarded-for': '203.0.113.3' } });
    expect(badType).toMatchObject({ status: 400, body: { error: { code: 'unsupported_photo_type' } } });

    const big = new FormData();
    big.set('category', 'air');
    big.set('text', 'smoke');
    big.set('photo', new Blob([Buffer.concat([ONE_PIXEL_PNG, Buffer.alloc(2 * 1024 * 1024)])], { type: 'image/png' }), 'x.png');
    const tooBig = await t.call('POST', `/api/public/${tokenE1}/complaints`, { raw: big, headers: { 'x-forwarded-for': '203.0.113.3' } });
    expect(tooBig).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });

    const extra = await t.call('POST', `/api/public/${tokenE1}/complaints`, { body: { category: 'air', text: 'x', status: 'verified' }, headers: { 'x-forwarded-for': '203.0.113.3' } });
    expect(extra).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });

    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.call('POST', `/api/public/${tokenE1}/complaints`, { body: { category: 'noise', text: `flood ${i}` }, headers: { 'x-forwarded-for': '198.51.100.7' } });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect((await t.call('POST', '/api/public/AAAAAAAAAAAAAAAAAAAAAA/complaints', { body: { category: 'noise', text: 'x' } })).status).toBe(404);
  });

  it('lets inspectors verify (through the pipeline) or dismiss reports', async () => {
    const queue = await t.call('GET', `/api/complaints?status=pending&enterpriseId=${E1}`, { token: t.adminToken });
    expect(queue.status).toBe(200);
    const withPhoto = queue.body.items.find((c: { text: string }) => c.text === '排污口夜间排放黑水');
    expect(withPhoto).toMatchObject({ enterpriseId: E1, enterpriseName: '南京绿源化工有限公司', category: 'water', contact: '13800000000', hasPhoto: true, status: 'pending' });
    const photo = await fetch(`${t.app.url}/api/complaints/${withPhoto.id}/photo`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(photo.headers.get('content-type')).toBe('image/png');
    // Stored re-encoded (no metadata, nothing after the image): the same 1×1 PNG, not the same bytes.
    const stored = Buffer.from(await photo.arrayBuffer());
    expect(stored.subarray(0, 8)).toEqual(ONE_PIXEL_PNG.subarray(0, 8));
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });

    const before = (await t.call('GET', `/api/public/${tokenE1}`)).body;
    const verified = await t.call('POST', `/api/complaints/${withPhoto.id}/verify`, { token: t.adminToken, body: { reason: '现场核实属实' } });
    expect(verified).toMatchObject({ status: 200, body: { status: 'verified', eventId: `complaint-verified-${withPhoto.id}` } });
    const after = (await t.call('GET', `/api/public/${tokenE1}`)).body;
    expect(after.score).toBeLessThan(before.score);
    const today = await t.call('GET', `/api/enterprises/${E1}/ratings/${TODAY}`, { token: t.adminToken });
    expect(today.body.causeEventIds).toContain(`complaint-verified-${withPhoto.id}`);
    expect(today.body.effects.some((e: { indicator: string }) => e.indicator === 'S1')).toBe(true);
    expect((await t.call('POST', `/api/complaints/${withPhoto.id}/verify`, { token: t.adminToken, body: { reason: '现场核实属实' } })).status).toBe(409);

    const other = queue.body.items.find((c: { text: string }) => c.text === '刺鼻气味');
    expect((await t.call('POST', `/api/complaints/${other.id}/dismiss`, { token: t.adminToken, body: {} })).status).toBe(400);
    const dismissed = await t.call('POST', `/api/complaints/${other.id}/dismiss`, { token: t.adminToken, body: { reason: '现场核查无异味' } });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', decisionReason: '现场核查无异味', eventId: null });
    expect((await t.call('GET', `/api/public/${tokenE1}`)).body.score).toBe(after.score);
  });

  it('pushes the public view live over /public, by token only', async () => {
    const refused = io(`${t.app.url}/public`, { auth: { publicToken: 'AAAAAAAAAAAAAAAAAAAAAA' }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(refused);
    const error = await new Promise<Error & { data?: unknown }>((resolve) => refused.once('connect_error', resolve));
    expect(error.data).toEqual({ code: 'not_found' });

    const socket = io(`${t.app.url}/public`, { auth: { publicToken: tokenE1 }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const views: any[] = [];
    socket.on('public.view', (v) => views.push(v));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    await t.ingest('enforcement', { eventId: 'award-e2', type: 'enforcement.award', enterpriseId: E2, occurredAt: '2026-03-15T10:00:00+08:00', data: { title: '绿色工厂', level: 'city' } });
    await t.ingest('enforcement', { eventId: 'insp-e1', type: 'enforcement.inspection', enterpriseId: E1, occurredAt: '2026-03-15T10:00:00+08:00', data: { inspectionId: 'INS-1', result: 'violation_found' } });
    for (let i = 0; i < 100 && views.length === 0; i++) await sleep(20);
    await sleep(300);
    expect(views).toHaveLength(1);
    expect(Object.keys(views[0]).sort()).toEqual(PUBLIC_KEYS);
    expect(views[0]).toEqual((await t.call('GET', `/api/public/${tokenE1}`)).body);
  });

  it('creates enterprise accounts that must change their password, and keeps the portal to their own data', async () => {
    const created = await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username: 'lvyuan', enterpriseId: E1 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'lvyuan', role: 'enterprise', enterpriseId: E1, mustChangePassword: true, initialPassword: expect.any(String) });
    expect((await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username: 'lvyuan', enterpriseId: E1 } })).status).toBe(409);
    expect((await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username: 'x-admin', enterpriseId: E1, role: 'admin' } })).status).toBe(400);

    const first = await t.login('lvyuan', created.body.initialPassword);
    expect((await t.call('GET', '/api/portal/enterprise', { token: first })).body).toMatchObject({ error: { code: 'password_change_required' } });
    expect((await t.call('GET', '/api/accounts/me', { token: first })).body).toMatchObject({ mustChangePassword: true });
    expect((await t.call('POST', '/api/accounts/me/password', { token: first, body: { currentPassword: 'wrong', newPassword: 'lvyuan-new-pw-1' } })).status).toBe(400);
    const changed = await t.call('POST', '/api/accounts/me/password', { token: first, body: { currentPassword: created.body.initialPassword, newPassword: 'lvyuan-new-pw-1' } });
    expect(changed).toMatchObject({ status: 200, body: { mustChangePassword: false } });
    const company = await t.login('lvyuan', 'lvyuan-new-pw-1');

    const overview = await t.call('GET', '/api/portal/enterprise', { token: company });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ uscc: E1, name: '南京绿源化工有限公司', today: TODAY, streak: 0 });
    const pen = overview.body.effects.find((e: { eventId: string }) => e.eventId === 'pen-e1-1');
    expect(pen).toMatchObject({ indicator: 'E2', sourceType: 'enforcement.penalty', endsOn: '2027-03-09', earlyEnd: { kind: 'rectification_completed', ref: 'NJ-2026-001', notBefore: '2026-06-08' } });
    // The event behind the effect, for the portal's sentence (#14).
    expect(pen.source).toMatchObject({ type: 'enforcement.penalty', day: '2026-03-10', data: { caseNo: 'NJ-2026-001' } });
    const insp = overview.body.effects.find((e: { eventId: string }) => e.eventId === 'insp-e1');
    expect(insp).toMatchObject({ indicator: 'E1', earlyEnd: { kind: 'rectification_completed', ref: 'INS-1', notBefore: null } });
    const year = await t.call('GET', '/api/portal/ratings?from=2025-03-16&to=2026-03-15', { token: company });
    expect(year.body.enterpriseId).toBe(E1);
    expect(year.body.ratings.length).toBe(15);
    const events = await t.call('GET', '/api/portal/events', { token: company });
    expect(events.body.items.map((e: { eventId: string }) => e.eventId)).toEqual(expect.arrayContaining(['pen-e1-1', 'pen-e1-3']));
    expect(events.body.items.find((e: { eventId: string }) => e.eventId === 'pen-e1-3').voided).toBe(true);
    expect(events.body.items.every((e: { eventId: string }) => !e.eventId.includes('e2'))).toBe(true);
  });

  it('takes an appeal from the enterprise; acceptance voids the event and revises the days', async () => {
    const company = await t.login('lvyuan', 'lvyuan-new-pw-1');
    expect((await t.call('POST', '/api/appeals', { token: company, body: { eventId: 'award-e2', reasons: 'not ours' } })).status).toBe(404);
    expect((await t.call('POST', '/api/appeals', { token: company, body: { eventId: 'reg-e1', reasons: 'x' } })).status).toBe(400);
    expect((await t.call('POST', '/api/appeals', { token: company, body: { eventId: 'pen-e1-1', reasons: 'x', status: 'accepted' } })).status).toBe(400);
    const filed = await t.call('POST', '/api/appeals', { token: company, body: { eventId: 'pen-e1-1', reasons: '检测报告有误，已提交复核材料' } });
    expect(filed).toMatchObject({ status: 201, body: { status: 'pending', eventId: 'pen-e1-1', eventType: 'enforcement.penalty', eventDay: '2026-03-10' } });
    expect((await t.call('POST', '/api/appeals', { token: company, body: { eventId: 'pen-e1-1', reasons: 'again' } })).status).toBe(409);
    expect((await t.call('GET', `/api/public/${tokenE1}`)).body.underAppeal).toBe(true);
    expect((await t.call('POST', `/api/appeals/${filed.body.id}/accept`, { token: company, body: {} })).status).toBe(403);

    const mar11Before = await t.call('GET', `/api/enterprises/${E1}/ratings/2026-03-11`, { token: t.adminToken });
    const accepted = await t.call('POST', `/api/appeals/${filed.body.id}/accept`, { token: t.adminToken, body: { reason: '复核通过' } });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted', voidEventId: `appeal-void-${filed.body.id}` } });
    const mar11After = await t.call('GET', `/api/enterprises/${E1}/ratings/2026-03-11`, { token: t.adminToken });
    expect(mar11After.body.revision).toBe(mar11Before.body.revision + 1);
    expect(mar11After.body.score).toBe(100);
    const view = (await t.call('GET', `/api/public/${tokenE1}`)).body;
    expect(view.underAppeal).toBe(false);
    expect(view.penalties.map((p: { caseNo: string }) => p.caseNo)).toEqual(['NJ-2026-002']);
    expect((await t.call('GET', `/api/appeals/${filed.body.id}`, { token: company })).body).toMatchObject({ status: 'accepted', decisionReason: '复核通过' });
    const revisions = await t.call('GET', '/api/portal/revisions', { token: company });
    expect(revisions.body.items.find((r: { day: string }) => r.day === '2026-03-11')).toMatchObject({ score: 100, causeEventIds: [`appeal-void-${filed.body.id}`] });

    const second = await t.call('POST', '/api/appeals', { token: company, body: { eventId: 'pen-e1-2', reasons: '金额有误' } });
    const rejected = await t.call('POST', `/api/appeals/${second.body.id}/reject`, { token: t.adminToken, body: { reason: '证据充分，维持原处罚' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '证据充分，维持原处罚', voidEventId: null });
    expect((await t.call('GET', `/api/public/${tokenE1}`)).body.penalties).toHaveLength(1);
  });

  it('rotates the public token: the old code stops working at once', async () => {
    const rotated = await t.call('POST', `/api/enterprises/${E1}/public-token/rotate`, { token: t.adminToken });
    expect(rotated.status).toBe(200);
    const fresh = new URL(rotated.body.publicUrl).pathname.split('/').pop()!;
    expect(fresh).not.toBe(tokenE1);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await t.call('GET', `/api/public/${tokenE1}`)).status).toBe(404);
    expect((await t.call('GET', `/api/public/${fresh}`)).body.uscc).toBe(E1);
    expect((await t.call('POST', `/api/public/${tokenE1}/complaints`, { body: { category: 'noise', text: 'x' } })).status).toBe(404);
  });
});
