import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { ENTERPRISE_EXPORT_KEYS } from '../../backend/src/read/enterprises/enterprise-exports.controller';
import { penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

jest.setTimeout(120_000);

/** RFC 4180: quoted fields with "" for ", CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const BOOLEAN_KEYS = new Set(['registered', 'veto']);
const NUMBER_KEYS = new Set(['score', 'stars', 'streak']);

/** A CSV cell back to the JSON value: '' is null; a neutralised formula loses its '. */
function valueOf(key: string, cell: string): unknown {
  if (cell === '') return null;
  if (BOOLEAN_KEYS.has(key)) return cell === 'true';
  if (NUMBER_KEYS.has(key)) return Number(cell);
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const REGION = '320104';
const OTHER = '320102';
const FORMULA = '=HYPERLINK("x")';
const NAMES = ['甲公司', '乙公司, 有逗号', '丙公司 "引号"', FORMULA, '+1 公司', '丁公司'];

describe('exports: CSV and XLSX of the explorer (and the other exports), staff only', () => {
  let t: PublicTestApp;
  let sql: Client;
  let enterpriseToken: string;

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    for (const [i, name] of NAMES.entries()) await t.ingest('registry', registration(usccOf(REGION, i + 1), name, `exp-reg-${i}`, REGION));
    for (let i = 0; i < 3; i++) await t.ingest('registry', registration(usccOf(OTHER, i + 1), `其他区企业${i}`, `exp-other-${i}`, OTHER));
    await sql.query(`INSERT INTO users (username, password_hash, role, enterprise_id) VALUES ('exp-company', $1, 'enterprise', $2)`, [await hashPassword('exp-company-pw-123'), usccOf(REGION, 1)]);
    enterpriseToken = await t.login('exp-company', 'exp-company-pw-123');
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  async function explorerJson(query: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call('GET', `/api/enterprises?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: t.adminToken });
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  /** The body with its BOM (Response.text() drops a BOM). */
  async function textOf(res: Response): Promise<string> {
    return Buffer.from(await res.arrayBuffer()).toString('utf8');
  }

  async function download(path: string, token: string | null = t.adminToken): Promise<Response> {
    return fetch(`${t.app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  it('CSV of the explorer with a filter, parsed back, equals the JSON rows; formula cells are neutralised', async () => {
    const query = `region=${REGION}&sort=name&order=desc`;
    const json = await explorerJson(query);
    expect(json).toHaveLength(NAMES.length);
    const res = await download(`/api/enterprises.csv?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="enterprises-2026-03-15\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('企业列表-2026-03-15.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header![0]).toBe('统一社会信用代码');
    expect(header).toHaveLength(ENTERPRISE_EXPORT_KEYS.length);
    const parsed = rows.map((r) => Object.fromEntries(ENTERPRISE_EXPORT_KEYS.map((k, i) => [k, valueOf(k, r[i]!)])));
    expect(parsed).toEqual(json);
    // Formula injection: the raw cells start with ', never with = or +.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(`,'+1 公司,`);
    expect(rows.every((r) => !/^[=+\-@]/.test(r[1]!))).toBe(true);
    // English headers on request.
    const en = await textOf(await download(`/api/enterprises.csv?${query}&lang=en`));
    expect(en.slice(1).split('\r\n')[0]).toBe('USCC,Name,Registered,Region code,Industry code,Rated day,Score,Stars,Face,Colour,Grade,Veto,Streak,Registered by hand');
  });

  it('the XLSX opens with exceljs and its first sheet holds the same rows (frozen header)', async () => {
    const query = `region=${REGION}&sort=name&order=desc`;
    const json = await explorerJson(query);
    const res = await download(`/api/enterprises.xlsx?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const [header, ...rows] = values;
    expect(header![1]).toBe('企业名称');
    const parsed = rows.map((r) => Object.fromEntries(ENTERPRISE_EXPORT_KEYS.map((k, i) => [k, r[i] ?? null])));
    expect(parsed).toEqual(json);
    // In Excel the formula name is a plain string, not a formula.
    expect(rows.some((r) => r[1] === FORMULA)).toBe(true);
  });

  it('the other exports answer CSV and XLSX', async () => {
    for (const path of ['/api/lists/red', '/api/stats/early-warnings', '/api/dead-letters', `/api/enterprises/${usccOf(REGION, 1)}/ratings`]) {
      const csv = await download(`${path}.csv`);
      expect([path, csv.status]).toEqual([path, 200]);
      expect((await textOf(csv)).startsWith('\uFEFF')).toBe(true);
      const xlsx = await download(`${path}.xlsx?lang=en`);
      expect([path, xlsx.status]).toEqual([path, 200]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
      expect(workbook.worksheets).toHaveLength(1);
    }
    const list = await textOf(await download('/api/lists/red.csv'));
    expect(list.slice(1).split('\r\n')[0]).toBe('uscc,name,regionCode,since');
    expect((await download(`/api/enterprises/${usccOf(REGION, 1)}/ratings.csv?lang=en`)).status).toBe(200);
  });

  it('refuses anonymous callers (401), enterprise accounts (403) and unknown parameters (400)', async () => {
    for (const path of ['/api/enterprises.csv', '/api/enterprises.xlsx', '/api/lists/red.xlsx', '/api/stats/early-warnings.csv', '/api/dead-letters.xlsx', `/api/enterprises/${usccOf(REGION, 1)}/ratings.csv`]) {
      expect([path, (await download(path, null)).status]).toEqual([path, 401]);
      expect([path, (await download(path, enterpriseToken)).status]).toEqual([path, 403]);
    }
    const bad = await t.call('GET', '/api/enterprises.csv?limit=5', { token: t.adminToken });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/json/);
  });

  // ---- issue #13 §1, the rest: plans, complaints, appeals, notices (in the caller's jurisdiction) ----

  /** The JSON rows as the CSV must show them: one string per field ('' for null, arrays joined with "; "). */
  function asCells(rows: Record<string, unknown>[], fields: readonly string[]): string[][] {
    return rows.map((r) =>
      fields.map((f) => {
        const v = r[f];
        if (v === null || v === undefined) return '';
        const text = Array.isArray(v) ? v.join('; ') : String(v);
        return typeof v === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      }),
    );
  }

  async function csvRows(path: string, token: string | null = t.adminToken): Promise<{ header: string[]; rows: string[][] }> {
    const res = await download(path, token);
    expect([path, res.status]).toEqual([path, 200]);
    const text = await textOf(res);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    return { header: header!, rows };
  }

  async function xlsxRows(path: string, token: string | null = t.adminToken): Promise<unknown[][]> {
    const res = await download(path, token);
    expect([path, res.status]).toEqual([path, 200]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const values: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    return values;
  }

  describe('plans, complaints, appeals and notices', () => {
    let scoped: string;
    let planId: string;

    beforeAll(async () => {
      await sql.query(`INSERT INTO users (username, password_hash, role, region_prefixes) VALUES ('exp-insp', $1, 'inspector', '{}'), ('exp-scoped', $1, 'inspector', '{${REGION}}')`, [
        await hashPassword('exp-insp-pw-12345'),
      ]);
      scoped = await t.login('exp-scoped', 'exp-insp-pw-12345');
      // Plans in both regions; a result recorded for one drawn enterprise.
      const plan = await t.call('POST', '/api/inspection-plans', { token: t.adminToken, body: { name: '=导出抽查', regionPrefixes: [REGION], industryPrefixes: [], size: 3, inspectors: ['exp-insp', 'exp-scoped'], includeExempt: true } });
      expect(plan.status).toBe(201);
      planId = plan.body.id;
      const recorded = await t.call('POST', `/api/inspection-plans/${planId}/results`, { token: t.adminToken, body: { uscc: plan.body.drawn[0].uscc, result: 'violation_found', findings: '台账缺失' } });
      expect(recorded.status).toBe(200);
      expect((await t.call('POST', '/api/inspection-plans', { token: t.adminToken, body: { name: '其他区抽查', regionPrefixes: [OTHER], industryPrefixes: [], size: 1, inspectors: ['exp-insp', 'exp-scoped'], includeExempt: true } })).status).toBe(201);
      // Complaints about enterprises of both regions (one looks like a formula).
      for (const [i, [uscc, text]] of ([[usccOf(REGION, 1), '=1+1 夜间偷排'], [usccOf(REGION, 2), '黑烟, "很浓"'], [usccOf(OTHER, 1), '其他区噪声']] as const).entries()) {
        const token = new URL((await t.call('GET', `/api/enterprises/${uscc}/sign`, { token: t.adminToken })).body.publicUrl).pathname.split('/').pop()!;
        expect((await t.call('POST', `/api/public/${token}/complaints`, { body: { category: 'air', text, contact: '13800000000' }, headers: { 'x-forwarded-for': `198.51.100.${60 + i}` } })).status).toBe(201);
      }
      // Penalties in both regions: each gets a credit notice.
      await t.ingest('enforcement', penalty(usccOf(REGION, 1), 'exp-pen-1', 'EXP-2026-001'));
      await t.ingest('enforcement', penalty(usccOf(OTHER, 1), 'exp-pen-2', 'EXP-2026-002'));
      for (let i = 0; i < 100 && (await sql.query('SELECT 1 FROM credit_notices')).rowCount! < 2; i++) {
        await t.call('GET', '/api/notices', { token: t.adminToken });
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    it('plans: the list and one plan\u2019s drawn enterprises with results, CSV parsed back equal the API; XLSX too', async () => {
      const list = (await t.call('GET', '/api/inspection-plans?limit=200', { token: t.adminToken })).body.plans;
      expect(list).toHaveLength(2);
      const fields = ['id', 'name', 'day', 'populationSize', 'drawnCount', 'recordedCount', 'status', 'createdBy', 'createdAt'];
      const csv = await csvRows('/api/inspection-plans.csv');
      expect(csv.header).toEqual(['编号', '计划名称', '抽取日期', '抽取范围企业数', '抽中企业数', '已录入结果数', '状态', '创建人', '创建时间']);
      expect(csv.rows).toEqual(asCells(list, fields));
      expect(csv.rows.some((r) => r[1] === "'=导出抽查")).toBe(true);

      const plan = (await t.call('GET', `/api/inspection-plans/${planId}`, { token: t.adminToken })).body;
      const drawFields = ['rank', 'uscc', 'name', 'stars', 'weight', 'key', 'inspectors', 'result'];
      const draws = await csvRows(`/api/inspection-plans/${planId}/draws.csv?lang=en`);
      expect(draws.header).toEqual(['Rank', 'USCC', 'Enterprise', 'Stars', 'Weight', 'Key', 'Inspectors', 'Result']);
      expect(draws.rows).toEqual(asCells(plan.drawn, drawFields));
      expect(draws.rows.map((r) => r[7])).toContain('violation_found');

      const [header, ...rows] = await xlsxRows(`/api/inspection-plans/${planId}/draws.xlsx`);
      expect(header![0]).toBe('抽取顺序');
      expect(rows.map((r) => [r[0], r[1], r[7] ?? null])).toEqual(plan.drawn.map((d: { rank: number; uscc: string; result: string | null }) => [d.rank, d.uscc, d.result]));
      // A plan that does not exist: 404 as JSON.
      expect((await download('/api/inspection-plans/999999/draws.csv')).status).toBe(404);
    });

    it('complaints: the queue with its filters, CSV and XLSX equal the API rows', async () => {
      const json = (await t.call('GET', '/api/complaints?status=pending&limit=200', { token: t.adminToken })).body.items;
      expect(json.length).toBeGreaterThanOrEqual(3);
      const fields = ['id', 'createdAt', 'enterpriseId', 'enterpriseName', 'category', 'text', 'contact', 'hasPhoto', 'flagged', 'status', 'decisionReason', 'decidedBy', 'decidedAt', 'eventId'];
      const csv = await csvRows('/api/complaints.csv?status=pending');
      expect(csv.header[5]).toBe('问题描述');
      expect(csv.rows).toEqual(asCells(json, fields));
      expect(csv.rows.some((r) => r[5] === "'=1+1 夜间偷排")).toBe(true);
      // The enterprise filter.
      const one = await csvRows(`/api/complaints.csv?enterpriseId=${usccOf(REGION, 2)}`);
      expect(one.rows.map((r) => r[5])).toEqual(['黑烟, "很浓"']);
      const [header, ...rows] = await xlsxRows('/api/complaints.xlsx?status=pending&lang=en');
      expect(header![5]).toBe('Description');
      expect(rows.map((r) => [r[0], r[5]])).toEqual(json.map((c: { id: string; text: string }) => [c.id, c.text]));
    });

    it('notices: CSV parsed back equals the API (an enterprise\u2019s, and all); appeals export answers', async () => {
      const json = (await t.call('GET', '/api/notices?limit=500', { token: t.adminToken })).body.items as Record<string, any>[];
      expect(json.length).toBeGreaterThanOrEqual(2);
      const fields = ['noticeNo', 'enterpriseId', 'enterpriseName', 'eventId', 'eventType', 'eventDay', 'noticeDay', 'appealDeadline', 'acknowledgedAt', 'acknowledgedBy', 'id', 'createdAt', 'text'];
      const flat = json.map((n) => ({ ...n, noticeNo: n.facts.noticeNo }));
      const csv = await csvRows('/api/notices.csv');
      expect(csv.header[0]).toBe('告知书编号');
      expect(csv.rows).toEqual(asCells(flat, fields));
      const own = await csvRows(`/api/notices.csv?enterpriseId=${usccOf(REGION, 1)}`);
      expect(own.rows).toEqual(asCells(flat.filter((n) => n.enterpriseId === usccOf(REGION, 1)), fields));
      expect(own.rows.length).toBeGreaterThan(0);
      const [header] = await xlsxRows('/api/notices.xlsx?lang=en');
      expect(header![0]).toBe('Notice no.');
      // An enterprise's effects today (the penalty's), each with its event.
      const detail = (await t.call('GET', `/api/enterprises/${usccOf(REGION, 1)}`, { token: t.adminToken })).body;
      expect(detail.effects.length).toBeGreaterThan(0);
      const effects = await csvRows(`/api/enterprises/${usccOf(REGION, 1)}/effects.csv?lang=en`);
      expect(effects.header).toEqual(['Indicator', 'Criterion', 'Points', 'Impact on the score', 'From', 'Until (exclusive)', 'Repairable', 'Event', 'Event type', 'Event day']);
      expect(effects.rows).toEqual(
        asCells(detail.effects.map((e: Record<string, any>) => ({ ...e, sourceType: e.source?.type ?? null, sourceDay: e.source?.day ?? null })), ['indicator', 'criterion', 'points', 'impact', 'from', 'until', 'repairable', 'eventId', 'sourceType', 'sourceDay']),
      );
      expect(effects.rows.map((r) => r[7])).toContain('exp-pen-1');
      expect((await xlsxRows(`/api/enterprises/${usccOf(REGION, 1)}/effects.xlsx`))[0]![0]).toBe('指标');
      expect((await csvRows('/api/appeals.csv')).header[0]).toBe('编号');
      expect((await xlsxRows('/api/appeals.xlsx?lang=en'))[0]![0]).toBe('ID');
    });

    it('a scoped inspector exports only inside their jurisdiction; enterprises and anonymous callers are refused', async () => {
      const inside = (uscc: string) => uscc.slice(2, 8) === REGION;
      const complaints = await csvRows('/api/complaints.csv', scoped);
      expect(complaints.rows.length).toBeGreaterThan(0);
      expect(complaints.rows.every((r) => inside(r[2]!))).toBe(true);
      const notices = await csvRows('/api/notices.csv', scoped);
      expect(notices.rows.length).toBeGreaterThan(0);
      expect(notices.rows.every((r) => inside(r[1]!))).toBe(true);
      const plans = await csvRows('/api/inspection-plans.csv', scoped);
      expect(plans.rows.map((r) => r[1])).toEqual(["'=导出抽查"]);
      const otherPlan = (await t.call('GET', '/api/inspection-plans?limit=200', { token: t.adminToken })).body.plans.find((p: { name: string }) => p.name === '其他区抽查');
      expect((await download(`/api/inspection-plans/${otherPlan.id}/draws.csv`, scoped)).status).toBe(404);
      expect((await download(`/api/enterprises/${usccOf(OTHER, 1)}/effects.csv`, scoped)).status).toBe(404);
      expect((await download(`/api/enterprises/${usccOf(REGION, 1)}/effects.csv`, scoped)).status).toBe(200);
      // The same list as the scoped JSON routes.
      const scopedJson = (await t.call('GET', '/api/complaints?limit=200', { token: scoped })).body.items;
      expect(complaints.rows.map((r) => r[0])).toEqual(scopedJson.map((c: { id: string }) => c.id));
      for (const path of ['/api/inspection-plans.csv', `/api/inspection-plans/${planId}/draws.xlsx`, '/api/complaints.csv', '/api/appeals.xlsx', '/api/notices.csv']) {
        expect([path, (await download(path, null)).status]).toEqual([path, 401]);
        expect([path, (await download(path, enterpriseToken)).status]).toEqual([path, 403]);
      }
      expect((await download('/api/complaints.csv?limit=5')).status).toBe(400);
      // Every download is in the audit trail with its filters.
      const audited = (await sql.query(`SELECT target FROM audit_log WHERE action = 'export.downloaded'`)).rows.map((r) => r.target);
      expect(audited).toEqual(expect.arrayContaining(['/api/inspection-plans.csv', `/api/inspection-plans/${planId}/draws.csv`, '/api/complaints.csv', '/api/notices.csv', '/api/appeals.csv']));
    });
  });
});
