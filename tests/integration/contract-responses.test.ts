import { CREDIT_LISTS, documentedSuccess, DOCUMENTED_ROUTES, errorBodySchema, withUsccCheck } from '@envface/streams';
import type { z } from 'zod';
import { CreditNoticeService } from '../../backend/src/workflows/credit-notices/credit-notice.service';
import { penalty, registration, startPublicTestApp, TODAY, usccOf, type PublicTestApp } from './public-test-app';

/**
 * The contract schemas (streams/src/contract) are the one description of every answer: the OpenAPI
 * document and the web app's types come from them, and the server's types are inferred from them.
 * The server does not parse its answers (too costly on hot routes), so this test does: every
 * documented JSON route is called on a small world and its real answer must match its schema —
 * no field missing or of another type, and no field the schema does not name.
 */
const A = usccOf('320104', 1);
const B = usccOf('320104', 2);

/** Paths (as `a.b[0].c`) present in the answer but dropped by the schema: undocumented fields. */
function undocumented(raw: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((item, i) => undocumented(item, parsed[i], `${at}[${i}]`));
  if (raw === null || typeof raw !== 'object' || parsed === null || typeof parsed !== 'object') return [];
  const kept = parsed as Record<string, unknown>;
  return Object.entries(raw as Record<string, unknown>).flatMap(([key, value]) =>
    key in kept ? undocumented(value, kept[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}

function conforms(route: string, schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (!result.success) return result.error.issues.map((i) => `${route}: ${i.path.join('.')}: ${i.message}`);
  return undocumented(body, result.data).map((p) => `${route}: undocumented field ${p}`);
}

describe('every answer matches its contract schema', () => {
  let t: PublicTestApp;
  let enterpriseToken: string;
  const problems: string[] = [];
  const checked = new Set<string>();

  async function check(route: string, path: string, options: { token?: string | null; body?: unknown; raw?: BodyInit } = {}) {
    const [method] = route.split(' ') as [string];
    const res = await t.call(method, path, { token: options.token === undefined ? t.adminToken : options.token, body: options.body, raw: options.raw });
    const documented = documentedSuccess(route);
    if (!documented) throw new Error(`not documented: ${route}`);
    if (res.status !== documented.status) problems.push(`${route}: status ${res.status}, documented ${documented.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (documented.schema) problems.push(...conforms(route, documented.schema, res.body));
    checked.add(route);
    return res;
  }

  beforeAll(async () => {
    t = await startPublicTestApp();
    await t.ingest('registry', registration(A, '甲化工有限公司', 'c-reg-a', '320104'));
    await t.ingest('registry', registration(B, '乙化工有限公司', 'c-reg-b', '320104'));
    await t.ingest('enforcement', penalty(A, 'c-pen-a', 'A-001'));
    await t.ingest('enforcement', {
      eventId: 'c-order-a', type: 'enforcement.rectification_order', enterpriseId: A, occurredAt: '2026-03-05T09:00:00+08:00',
      data: { orderNo: 'RO-1', deadline: '2026-03-12', requirement: '整改' },
    });
    // A rejected message leaves a dead letter.
    await t.call('POST', '/api/ingest/enforcement', { token: t.adminToken, body: { eventId: 'bad', type: 'enforcement.penalty', enterpriseId: 'nope' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers every documented JSON route as its schema says', async () => {
    const publicToken = (await check('GET /api/enterprises/{uscc}/sign', `/api/enterprises/${A}/sign`)).body.publicUrl.split('/q/')[1] as string;
    await check('GET /api/health', '/api/health', { token: null });
    await check('POST /api/auth/login', '/api/auth/login', { token: null, body: { username: 'admin', password: 'public-Admin-pw-1' } });
    await check('GET /api/model', '/api/model', { token: null });
    await check('GET /api/enterprises/{uscc}/ratings', `/api/enterprises/${A}/ratings?from=2026-03-01&to=${TODAY}`);
    await check('GET /api/enterprises/{uscc}/ratings/{day}', `/api/enterprises/${A}/ratings/${TODAY}`);
    await check('GET /api/enterprises/{uscc}/ratings/{day}/revisions', `/api/enterprises/${A}/ratings/2026-03-10/revisions`);
    await check('GET /api/enterprises/{uscc}/events', `/api/enterprises/${A}/events?limit=2`);
    await check('GET /api/enterprises', '/api/enterprises?limit=1');
    await check('GET /api/enterprises/{uscc}', `/api/enterprises/${A}`);
    await check('GET /api/signs', '/api/signs?region=320104');
    await check('GET /api/stats/overview', '/api/stats/overview');
    await check('GET /api/stats/trend', '/api/stats/trend');
    await check('GET /api/stats/recent-changes', '/api/stats/recent-changes');
    await check('GET /api/stats/early-warnings', '/api/stats/early-warnings');
    const map = await check('GET /api/stats/map', '/api/stats/map?points=10');
    expect(map.body.regions.length).toBeGreaterThan(0);
    const peers = await check('GET /api/enterprises/{uscc}/peers', `/api/enterprises/${A}/peers`);
    expect(peers.body.groups.map((g: { kind: string }) => g.kind)).toContain('region');
    const quarters = await check('GET /api/enterprises/{uscc}/quarters', `/api/enterprises/${A}/quarters`);
    expect(quarters.body.quarters).toHaveLength(13);
    const letters = await check('GET /api/dead-letters', '/api/dead-letters');
    await check('GET /api/dead-letters/summary', '/api/dead-letters/summary');
    await check('GET /api/dead-letters/{id}', `/api/dead-letters/${letters.body.items[0].id}`);
    await check('POST /api/dead-letters/{id}/redrive', `/api/dead-letters/${letters.body.items[0].id}/redrive`);
    await check('POST /api/ingest/{kind}', '/api/ingest/enforcement', {
      body: { eventId: 'c-pen-b', type: 'enforcement.penalty', enterpriseId: B, occurredAt: '2026-03-11T09:00:00+08:00', data: { caseNo: 'B-1', severity: 'minor', amountYuan: 1000, violation: '台账不全' } },
    });

    // 码上监督 and the complaint queue.
    await check('GET /api/public/{token}', `/api/public/${publicToken}`, { token: null });
    const complaint = await check('POST /api/public/{token}/complaints', `/api/public/${publicToken}/complaints`, { token: null, body: { category: 'odour', text: '刺鼻气味' } });
    await check('POST /api/public/complaints/follow', '/api/public/complaints/follow', { token: null, body: { reference: complaint.body.reference, code: complaint.body.followCode } });
    await check('GET /api/complaints', '/api/complaints');
    await check('GET /api/public/{token}/complaints/challenge', `/api/public/${publicToken}/complaints/challenge`, { token: null });
    await check('GET /api/complaint-alerts', '/api/complaint-alerts');
    await check('GET /api/complaints/{id}', `/api/complaints/${complaint.body.id}`);
    await check('POST /api/complaints/{id}/dismiss', `/api/complaints/${complaint.body.id}/dismiss`, { body: { reason: '不属实' } });
    const toUndo = await check('POST /api/public/{token}/complaints', `/api/public/${publicToken}/complaints`, { token: null, body: { category: 'noise', text: '夜间噪声' } });
    await check('POST /api/complaints/{id}/verify', `/api/complaints/${toUndo.body.id}/verify`, { body: { reason: '现场核实' } });
    await check('POST /api/complaints/{id}/undo-verification', `/api/complaints/${toUndo.body.id}/undo-verification`, { body: { reason: '点错了' } });

    // Accounts and the enterprise portal.
    await check('POST /api/accounts', '/api/accounts', { body: { username: 'company-a', enterpriseId: A, password: 'company-a-initial-1' } });
    await check('GET /api/accounts', '/api/accounts');
    await check('GET /api/accounts/me', '/api/accounts/me');
    const initial = await t.login('company-a', 'company-a-initial-1');
    await check('POST /api/accounts/me/password', '/api/accounts/me/password', { token: initial, body: { currentPassword: 'company-a-initial-1', newPassword: 'company-a-changed-2' } });
    enterpriseToken = await t.login('company-a', 'company-a-changed-2');
    await check('GET /api/portal/enterprise', '/api/portal/enterprise', { token: enterpriseToken });
    await check('GET /api/portal/ratings', '/api/portal/ratings', { token: enterpriseToken });
    await check('GET /api/portal/ratings/{day}', `/api/portal/ratings/${TODAY}`, { token: enterpriseToken });
    await check('GET /api/portal/events', '/api/portal/events', { token: enterpriseToken });
    await check('GET /api/portal/revisions', '/api/portal/revisions', { token: enterpriseToken });
    expect((await check('GET /api/portal/peers', '/api/portal/peers', { token: enterpriseToken })).body.enterpriseId).toBe(A);

    // Credit notices (the penalty and the order of A have one each).
    await t.app.app.get(CreditNoticeService).sync();
    const notices = await check('GET /api/notices', '/api/notices');
    await check('GET /api/notices/{id}', `/api/notices/${notices.body.items[0].id}`);
    const ownNotices = await check('GET /api/portal/notices', '/api/portal/notices', { token: enterpriseToken });
    await check('GET /api/portal/notices/{id}', `/api/portal/notices/${ownNotices.body.items[0].id}`, { token: enterpriseToken });
    await check('POST /api/portal/notices/{id}/acknowledge', `/api/portal/notices/${ownNotices.body.items[0].id}/acknowledge`, { token: enterpriseToken, body: {} });

    // Appeals.
    const appeal = await check('POST /api/appeals', '/api/appeals', { token: enterpriseToken, body: { eventId: 'c-pen-a', reasons: '已整改' } });
    const evidence = new FormData();
    evidence.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1')]), '整改报告.pdf');
    await check('POST /api/appeals/{id}/evidence', `/api/appeals/${appeal.body.id}/evidence`, { token: enterpriseToken, raw: evidence });
    await check('GET /api/appeals', '/api/appeals', { token: enterpriseToken });
    await check('GET /api/appeals/{id}', `/api/appeals/${appeal.body.id}`);
    await check('POST /api/appeals/{id}/reject', `/api/appeals/${appeal.body.id}/reject`, { body: { reason: '证据不足' } });

    // Credit lists: a list with members (A dropped stars), and the published red list.
    let listName: string = CREDIT_LISTS[0];
    for (const name of CREDIT_LISTS) {
      if ((await t.call('GET', `/api/lists/${name}`, { token: t.adminToken })).body.enterprises?.length > 0) {
        listName = name;
        break;
      }
    }
    const list = await check('GET /api/lists/{list}', `/api/lists/${listName}?day=${TODAY}`);
    expect(list.body.enterprises.length).toBeGreaterThan(0);
    await check('GET /api/public/lists/{list}', '/api/public/lists/red', { token: null });

    // Inspection plans: two inspectors, a plan, a result, the public plan, cancel.
    for (const username of ['inspector-a', 'inspector-b']) {
      await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username, role: 'inspector', password: `${username}-pw-123` } });
    }
    const plan = await check('POST /api/inspection-plans', '/api/inspection-plans', {
      body: { name: '契约抽查', day: TODAY, regionPrefixes: ['320104'], size: 1, inspectors: ['inspector-a', 'inspector-b'] },
    });
    await check('GET /api/inspection-plans', '/api/inspection-plans');
    await check('GET /api/inspection-plans/{id}', `/api/inspection-plans/${plan.body.id}`);
    await check('POST /api/inspection-plans/{id}/results', `/api/inspection-plans/${plan.body.id}/results`, { body: { uscc: plan.body.drawn[0].uscc, result: 'compliant', findings: '未发现问题' } });
    await check('GET /api/public/inspection-plans/{id}', `/api/public/inspection-plans/${plan.body.id}`, { token: null });
    await check('POST /api/inspection-plans/{id}/cancel', `/api/inspection-plans/${plan.body.id}/cancel`, { body: { reason: '测试结束' } });
    await check('POST /api/accounts/{username}/jurisdiction', '/api/accounts/inspector-b/jurisdiction', { body: { regionPrefixes: ['3201'] } });
    // The audit trail (admins): the entries written so far.
    const audit = await check('GET /api/audit-log', '/api/audit-log?limit=20');
    expect(audit.body.items.length).toBeGreaterThan(0);

    // Service keys (admins).
    const key = await check('POST /api/service-keys', '/api/service-keys', { body: { name: 'contract-gateway', eventTypes: ['monitoring.*', 'enforcement.penalty'] } });
    await check('GET /api/service-keys', '/api/service-keys');
    await check('POST /api/service-keys/{id}/revoke', `/api/service-keys/${key.body.id}/revoke`);

    // Registry import, hand registration, batch edits (issue #13 §2).
    const upload = new FormData();
    upload.set('file', new Blob([`uscc,name,regionCode,industryCode,address,lat,lon\r\n${usccOf('320104', 3)},丙公司,320104,C2614,,32.1,118.8\r\n${A},甲化工有限公司,320105,C2614,,,\r\nbad,,1,x,,,\r\n`]), 'c.csv');
    const imported = await check('POST /api/registry/imports', '/api/registry/imports', { raw: upload });
    await check('GET /api/registry/imports/{id}', `/api/registry/imports/${imported.body.id}`);
    await check('POST /api/registry/imports/{id}/apply', `/api/registry/imports/${imported.body.id}/apply`);
    const handUscc = withUsccCheck('12320104466000001');
    await check('POST /api/registry/hand-registrations', '/api/registry/hand-registrations', { body: { uscc: handUscc, name: '第一医院', regionCode: '320104', industryCode: 'Q8411' } });
    await check('GET /api/registry/hand-registrations', '/api/registry/hand-registrations');
    await check('POST /api/registry/hand-registrations/{uscc}/verify', `/api/registry/hand-registrations/${handUscc}/verify`);
    const batch = { selection: { filter: { region: ['320105'] } }, set: { industryCode: 'C2619' } };
    await check('POST /api/registry/batch-edits/preview', '/api/registry/batch-edits/preview', { body: batch });
    const edit = await check('POST /api/registry/batch-edits', '/api/registry/batch-edits', { body: batch });
    await check('GET /api/registry/batch-edits/{id}', `/api/registry/batch-edits/${edit.body.id}`);

    await check('POST /api/enterprises/{uscc}/public-token/rotate', `/api/enterprises/${B}/public-token/rotate`);
    // Last: it ends the enterprise account's sessions.
    await check('POST /api/accounts/{username}/password-reset', '/api/accounts/company-a/password-reset');

    expect(problems).toEqual([]);
    // Everything documented with a JSON answer was called, except decisions whose twin was (accept/verify).
    const skipped = DOCUMENTED_ROUTES.filter((r) => documentedSuccess(r)!.schema !== null && !checked.has(r));
    expect(skipped.sort()).toEqual(['POST /api/appeals/{id}/accept']);
  });

  it('answers errors in the contract error shape', async () => {
    const res = await t.call('GET', `/api/enterprises/${usccOf('320104', 9)}`, { token: t.adminToken });
    expect(res.status).toBe(404);
    expect(conforms('404', errorBodySchema, res.body)).toEqual([]);
  });
});
