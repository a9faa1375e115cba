import { Client } from 'pg';
import { CreditNoticeService } from '../../backend/src/workflows/credit-notices/credit-notice.service';
import { penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Credit notices (环保信用记录告知书): one per penalty, violation found, rectification order (not for a
 * compliant inspection); the text states the record, points, impact, rating before and after and the
 * appeal deadline; the enterprise sees only its own and acknowledges receipt; inspectors see what is
 * unacknowledged; an appeal after the deadline is refused with the deadline in the message.
 */
describe('credit notices', () => {
  let t: PublicTestApp;
  let sql: Client;
  const A = usccOf('320106', 11);
  const B = usccOf('320106', 12);
  let companyA = '';
  let companyB = '';

  async function enterpriseToken(username: string, uscc: string): Promise<string> {
    expect((await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username, enterpriseId: uscc, password: 'first-pw-12345' } })).status).toBe(201);
    const first = await t.login(username, 'first-pw-12345');
    expect((await t.call('POST', '/api/accounts/me/password', { token: first, body: { currentPassword: 'first-pw-12345', newPassword: 'second-pw-12345' } })).status).toBe(200);
    return t.login(username, 'second-pw-12345');
  }

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    await t.ingest('registry', registration(A, '南京栖霞化工有限公司', 'cn-reg-a', '320106'));
    await t.ingest('registry', registration(B, '南京鼓楼纺织有限公司', 'cn-reg-b', '320106'));
    await t.ingest('enforcement', penalty(A, 'cn-pen-a', 'QX-2026-001'));
    await t.ingest('enforcement', { eventId: 'cn-insp-ok', type: 'enforcement.inspection', enterpriseId: A, occurredAt: '2026-03-11T10:00:00+08:00', data: { inspectionId: 'INS-1', result: 'compliant' } });
    await t.ingest('enforcement', { eventId: 'cn-insp-bad', type: 'enforcement.inspection', enterpriseId: B, occurredAt: '2026-03-12T10:00:00+08:00', data: { inspectionId: 'INS-2', result: 'violation_found', findings: '危废台账缺失' } });
    await t.ingest('enforcement', { eventId: 'cn-order-b', type: 'enforcement.rectification_order', enterpriseId: B, occurredAt: '2026-03-12T11:00:00+08:00', data: { orderNo: 'ZG-2026-9', deadline: '2026-04-12' } });
    await t.app.app.get(CreditNoticeService).sync();
    companyA = await enterpriseToken('notice-a', A);
    companyB = await enterpriseToken('notice-b', B);
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('creates one notice per penalty, violation and order, none for a compliant inspection, with the facts in plain words', async () => {
    const all = await t.call('GET', '/api/notices', { token: t.adminToken });
    expect(all.status).toBe(200);
    expect(all.body.items.map((n: { eventId: string }) => n.eventId).sort()).toEqual(['cn-insp-bad', 'cn-order-b', 'cn-pen-a']);
    const pen = all.body.items.find((n: { eventId: string }) => n.eventId === 'cn-pen-a');
    expect(pen).toMatchObject({ enterpriseId: A, eventDay: '2026-03-10', noticeDay: '2026-03-15', appealDeadline: '2026-04-14', acknowledgedAt: null });
    expect(pen.text).toContain('南京栖霞化工有限公司（统一社会信用代码：' + A + '）');
    expect(pen.text).toContain('案号 QX-2026-001');
    expect(pen.text).toMatch(/指标 E2），扣 \d+ 分，对环境信用总分的加权影响为 -\d+\.\d\d 分/);
    expect(pen.text).toMatch(/2026-03-10 的评价由 100\.0 分、5 星（笑脸）变为 \d+\.\d 分、\d 星/);
    expect(pen.text).toContain('截至 2026-04-14');
    const bad = all.body.items.find((n: { eventId: string }) => n.eventId === 'cn-insp-bad');
    expect(bad.text).toContain('危废台账缺失');
    expect(bad.text).toContain('指标 E1');
    // A second sync creates nothing more.
    expect(await t.app.app.get(CreditNoticeService).sync()).toBe(0);
  });

  it('shows an enterprise its own notices only; the receipt is recorded once; inspectors see the unacknowledged', async () => {
    const mine = await t.call('GET', '/api/portal/notices', { token: companyA });
    expect(mine.body.items.map((n: { eventId: string }) => n.eventId)).toEqual(['cn-pen-a']);
    const id = mine.body.items[0].id;
    const other = (await t.call('GET', '/api/portal/notices', { token: companyB })).body.items[0].id;
    expect((await t.call('GET', `/api/portal/notices/${other}`, { token: companyA })).status).toBe(404);
    expect((await t.call('POST', `/api/portal/notices/${other}/acknowledge`, { token: companyA, body: {} })).status).toBe(404);
    expect((await t.call('GET', '/api/notices', { token: companyA })).status).toBe(403);

    const ack = await t.call('POST', `/api/portal/notices/${id}/acknowledge`, { token: companyA, body: {} });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).toEqual(expect.any(String));
    expect(ack.body.acknowledgedBy).toBe('notice-a');
    expect((await t.call('POST', `/api/portal/notices/${id}/acknowledge`, { token: companyA, body: {} })).status).toBe(409);
    // The same text in the portal and for inspectors.
    expect((await t.call('GET', `/api/notices/${id}`, { token: t.adminToken })).body.text).toBe(mine.body.items[0].text);

    const open = await t.call('GET', '/api/notices?unacknowledged=true', { token: t.adminToken });
    expect(open.body.items.map((n: { eventId: string }) => n.eventId).sort()).toEqual(['cn-insp-bad', 'cn-order-b']);
  });

  it('takes an appeal within 30 days of the notice and refuses one after, giving the deadline', async () => {
    const inTime = await t.call('POST', '/api/appeals', { token: companyB, body: { eventId: 'cn-insp-bad', reasons: '台账已补齐' } });
    expect(inTime.status).toBe(201);
    await sql.query(`UPDATE credit_notices SET notice_day = '2026-02-01', appeal_deadline = '2026-03-03' WHERE event_id = 'cn-order-b'`);
    const late = await t.call('POST', '/api/appeals', { token: companyB, body: { eventId: 'cn-order-b', reasons: '期限过长' } });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('appeal_deadline_passed');
    expect(late.body.error.message).toContain('2026-03-03');
  });
});
