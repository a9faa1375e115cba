import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { ENTERPRISE_EXPORT_KEYS } from '../../backend/src/read/enterprises/enterprise-exports.controller';
import { registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

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
});
