import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { withUsccCheck } from '@envface/streams';
import { hashPassword } from '../../backend/src/auth/password-hasher';
import { registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

jest.setTimeout(180_000);

/**
 * Issue #13 §2 on the real stack: an import file with good rows and every kind of bad row gets a
 * dry-run report naming each bad row and changes nothing; applying updates exactly the good rows'
 * enterprises through the pipeline (stored events, audit row); the same file again is a no-op; a batch
 * edit of 1,000 enterprises checked through the API; hand registration with verification.
 */
const A = usccOf('320104', 1); // registered: the file changes its region
const B = usccOf('320104', 2); // registered: the file repeats its data
const C = usccOf('320104', 3); // new
const D = usccOf('320104', 4); // twice in the file with different data
const E = usccOf('320104', 5); // empty name
const F = usccOf('320104', 6); // over-long name
const G = usccOf('320104', 7); // lat out of range
const H = usccOf('320104', 8); // region not 6 digits
const BAD_USCC = `${usccOf('320104', 9).slice(0, 17)}${usccOf('320104', 9)[17] === 'A' ? 'B' : 'A'}`;
const HEADER = '统一社会信用代码,企业名称,行政区划代码,行业代码,地址,纬度,经度';

const GOOD_AND_BAD = [
  HEADER,
  `${C},丙新材料有限公司,320104,C2614,南京市秦淮区1号,32.03,118.79`, // 2 add
  `${A},甲公司,320105,C2614,南京市玄武区环保路1号,,`, // 3 change region
  `${B},乙公司,320104,C2614,南京市玄武区环保路1号,,`, // 4 unchanged
  `${BAD_USCC},坏代码公司,320104,C2614,,,`, // 5 bad USCC
  `${H},区划不对公司,3201,C2614,,,`, // 6 region format
  `${D},丁公司,320104,C2614,,,`, // 7 duplicate, conflicting
  `${D},丁公司,320106,C2614,,,`, // 8 duplicate, conflicting
  `${E},,320104,C2614,,,`, // 9 empty name
  `${F},${'长'.repeat(201)},320104,C2614,,,`, // 10 over-long
  `${G},戊公司,320104,C2614,,95,118.8`, // 11 lat out of range
].join('\r\n');

function csvForm(text: string, name = '企业名单.csv'): FormData {
  const form = new FormData();
  form.set('file', new Blob([Buffer.from(`\uFEFF${text}`, 'utf8')], { type: 'text/csv' }), name);
  return form;
}

describe('registry import, hand registration and batch edits', () => {
  let t: PublicTestApp;
  let sql: Client;
  let inspector: string;

  const eventCount = async () => (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
  const registry = async (uscc: string) =>
    (await sql.query('SELECT registered, name, region_code, industry_code, address, lat, lon, registered_by FROM enterprises WHERE uscc = $1', [uscc])).rows[0];

  beforeAll(async () => {
    t = await startPublicTestApp();
    sql = new Client({ connectionString: t.database.url });
    await sql.connect();
    await t.ingest('registry', registration(A, '甲公司', 'reg-a', '320104'));
    await t.ingest('registry', registration(B, '乙公司', 'reg-b', '320104'));
    await sql.query(`INSERT INTO users (username, password_hash, role) VALUES ('inspector1', $1, 'inspector')`, [await hashPassword('inspector1-pw-123')]);
    inspector = await t.login('inspector1', 'inspector1-pw-123');
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('dry run: names every bad row with its column and reason, and changes nothing', async () => {
    const before = await eventCount();
    const res = await t.call('POST', '/api/registry/imports', { token: inspector, raw: csvForm(GOOD_AND_BAD) });
    expect(res.status).toBe(201);
    const report = res.body;
    expect(report.fileName).toBe('企业名单.csv');
    expect(report.counts).toEqual({ rows: 10, add: 1, change: 1, unchanged: 1, errorRows: 7 });
    expect(report.add.map((r: { uscc: string; row: number }) => [r.row, r.uscc])).toEqual([[2, C]]);
    expect(report.change).toEqual([{ row: 3, uscc: A, name: '甲公司', changes: [{ field: 'regionCode', from: '320104', to: '320105' }] }]);
    expect(report.unchanged).toEqual([{ row: 4, uscc: B, name: '乙公司' }]);
    expect(report.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [5, 'uscc', 'invalid_uscc'],
      [6, 'regionCode', 'invalid_region'],
      [7, 'uscc', 'conflicting_duplicate'],
      [8, 'uscc', 'conflicting_duplicate'],
      [9, 'name', 'missing_name'],
      [10, 'name', 'too_long'],
      [11, 'lat', 'invalid_lat'],
    ]);
    for (const e of report.errors) expect(e.message.zh.length > 0 && e.message.en.length > 0).toBe(true);
    // Nothing changed: no event, A keeps its region, C is unknown.
    expect(await eventCount()).toBe(before);
    expect((await registry(A)).region_code).toBe('320104');
    expect(await registry(C)).toBeUndefined();
    // The report can be read again.
    const again = await t.call('GET', `/api/registry/imports/${report.id}`, { token: inspector });
    expect(again.body.counts).toEqual(report.counts);
  });

  it('apply: updates exactly the good rows through the pipeline, audited; the same file again is a no-op', async () => {
    const before = await eventCount();
    const dry = await t.call('POST', '/api/registry/imports', { token: inspector, raw: csvForm(GOOD_AND_BAD) });
    const applied = await t.call('POST', `/api/registry/imports/${dry.body.id}/apply`, { token: inspector });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ id: dry.body.id, fileName: '企业名单.csv', appliedBy: 'inspector1', added: 1, changed: 1, unchanged: 1, errorRows: 7, events: 2 });
    expect(await eventCount()).toBe(before + 2);
    expect(await registry(C)).toMatchObject({ registered: true, name: '丙新材料有限公司', region_code: '320104', industry_code: 'C2614', address: '南京市秦淮区1号', lat: 32.03, lon: 118.79, registered_by: `registry-import-${dry.body.id}-${C}` });
    expect(await registry(A)).toMatchObject({ region_code: '320105', registered_by: `registry-import-${dry.body.id}-${A}` });
    expect((await registry(B)).registered_by).toBe('reg-b');
    for (const u of [D, E, F, G, H]) expect(await registry(u)).toBeUndefined();
    // Stored like any event: in the enterprise's history, with the workflow as sender.
    const history = await t.call('GET', `/api/enterprises/${C}/events`, { token: inspector });
    expect(history.body.items.map((e: { eventId: string }) => e.eventId)).toEqual([`registry-import-${dry.body.id}-${C}`]);
    const sent = await sql.query('SELECT sent_by FROM event_ids WHERE event_id = $1', [`registry-import-${dry.body.id}-${A}`]);
    expect(sent.rows[0].sent_by).toMatch(/^workflow:registry-import:\d+$/);
    const audit = await sql.query(`SELECT actor_name, detail FROM audit_log WHERE action = 'registry.imported' AND target = $1`, [`import:${dry.body.id}`]);
    expect(audit.rows).toEqual([{ actor_name: 'inspector1', detail: { fileName: '企业名单.csv', added: 1, changed: 1, unchanged: 1, errorRows: 7, events: 2 } }]);
    // Applied once only.
    expect((await t.call('POST', `/api/registry/imports/${dry.body.id}/apply`, { token: inspector })).status).toBe(409);

    // The same file again: every good row unchanged, no event.
    const second = await t.call('POST', '/api/registry/imports', { token: inspector, raw: csvForm(GOOD_AND_BAD) });
    expect(second.body.counts).toEqual({ rows: 10, add: 0, change: 0, unchanged: 3, errorRows: 7 });
    const secondApply = await t.call('POST', `/api/registry/imports/${second.body.id}/apply`, { token: inspector });
    expect(secondApply.body).toMatchObject({ added: 0, changed: 0, unchanged: 3, events: 0 });
    expect(await eventCount()).toBe(before + 2);
  });

  it('reads XLSX files (the template) and refuses other files', async () => {
    const template = await fetch(`${t.app.url}/api/registry/import-template.xlsx?lang=en`, { headers: { authorization: `Bearer ${inspector}` } });
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await template.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['USCC', 'Name', 'Region code', 'Industry code', 'Address', 'Latitude', 'Longitude']);
    const csvTemplate = await fetch(`${t.app.url}/api/registry/import-template.csv`, { headers: { authorization: `Bearer ${inspector}` } });
    expect(Buffer.from(await csvTemplate.arrayBuffer()).toString('utf8')).toBe(`\uFEFF${HEADER}\r\n`);
    // Fill the template in and upload it.
    const I = usccOf('320104', 20);
    sheet.addRow([I, '己公司', '320104', 'C2619', '', 32.1, 118.7]);
    const form = new FormData();
    form.set('file', new Blob([Buffer.from(await workbook.xlsx.writeBuffer())]), 'template.xlsx');
    const res = await t.call('POST', '/api/registry/imports', { token: inspector, raw: form });
    expect(res.status).toBe(201);
    expect(res.body.add).toEqual([{ row: 2, uscc: I, name: '己公司', regionCode: '320104', industryCode: 'C2619', address: null, lat: 32.1, lon: 118.7 }]);

    const png = new FormData();
    png.set('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')]), 'list.csv');
    expect(await t.call('POST', '/api/registry/imports', { token: inspector, raw: png })).toMatchObject({ status: 400, body: { error: { code: 'unsupported_file_type' } } });
    const big = new FormData();
    big.set('file', new Blob([Buffer.alloc(8 * 1024 * 1024 + 1, 0x41)]), 'big.csv');
    expect((await t.call('POST', '/api/registry/imports', { token: inspector, raw: big })).status).toBe(413);
    const noColumns = await t.call('POST', '/api/registry/imports', { token: inspector, raw: csvForm('名称,地址\r\n甲,乙') });
    expect(noColumns).toMatchObject({ status: 400, body: { error: { code: 'missing_columns' } } });
    expect((await t.call('POST', '/api/registry/imports', { token: inspector, body: {} })).status).toBe(400);
  });

  it('batch edit of 1,000 enterprises: counted in the preview, changed through events, listed on the result', async () => {
    const usccs = Array.from({ length: 1000 }, (_, i) => withUsccCheck(`91320111MA1Q${String(i).padStart(5, '0')}`));
    const rows = [HEADER, ...usccs.map((u, i) => `${u},批量企业${i},320111,C2614,,,`)].join('\r\n');
    const dry = await t.call('POST', '/api/registry/imports', { token: inspector, raw: csvForm(rows, 'batch.csv') });
    expect(dry.body.counts.add).toBe(1000);
    expect((await t.call('POST', `/api/registry/imports/${dry.body.id}/apply`, { token: inspector })).body.events).toBe(1000);
    const inRegion = await t.call('GET', '/api/enterprises?region=320111&limit=1', { token: inspector });
    expect(inRegion.body.total).toBe(1000);

    const before = await eventCount();
    const selection = { usccs };
    const preview = await t.call('POST', '/api/registry/batch-edits/preview', { token: inspector, body: { selection, set: { regionCode: '320113' } } });
    expect(preview).toMatchObject({ status: 200, body: { selected: 1000, willChange: 1000, unchanged: 0, unregistered: 0 } });
    expect(await eventCount()).toBe(before);
    const edit = await t.call('POST', '/api/registry/batch-edits', { token: inspector, body: { selection, set: { regionCode: '320113' } } });
    expect(edit.status).toBe(201);
    expect(edit.body.changed).toHaveLength(1000);
    expect(edit.body.changed[0]).toEqual({ uscc: usccs[0], name: '批量企业0', changes: [{ field: 'regionCode', from: '320111', to: '320113' }] });
    expect(await eventCount()).toBe(before + 1000);
    expect((await t.call('GET', '/api/enterprises?region=320111&limit=1', { token: inspector })).body.total).toBe(0);
    expect((await t.call('GET', '/api/enterprises?region=320113&limit=1', { token: inspector })).body.total).toBe(1000);
    const result = await t.call('GET', `/api/registry/batch-edits/${edit.body.id}`, { token: inspector });
    expect(result.body.changed).toHaveLength(1000);

    // "All that match the filter": industry of the whole region; names and regions kept.
    const byFilter = { selection: { filter: { region: ['320113'] } }, set: { industryCode: 'C2619' } };
    expect((await t.call('POST', '/api/registry/batch-edits/preview', { token: inspector, body: byFilter })).body.willChange).toBe(1000);
    const second = await t.call('POST', '/api/registry/batch-edits', { token: inspector, body: byFilter });
    expect(second.body.changed.every((c: { changes: { field: string }[] }) => c.changes.length === 1 && c.changes[0]!.field === 'industryCode')).toBe(true);
    expect((await t.call('GET', '/api/enterprises?region=320113&industry=C2619&limit=1', { token: inspector })).body.total).toBe(1000);
    // Again: nothing left to change, no event.
    const afterSecond = await eventCount();
    const third = await t.call('POST', '/api/registry/batch-edits', { token: inspector, body: byFilter });
    expect(third.body).toMatchObject({ selected: 1000, unchanged: 1000, changed: [] });
    expect(await eventCount()).toBe(afterSecond);
    const audit = await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.batch_edited' AND actor_name = 'inspector1'`);
    expect(audit.rows[0].n).toBe(3);
    // Bad input is a 400.
    expect((await t.call('POST', '/api/registry/batch-edits', { token: inspector, body: { selection, set: { industryCode: 'Z99' } } })).status).toBe(400);
    expect((await t.call('POST', '/api/registry/batch-edits', { token: inspector, body: { selection, set: {} } })).status).toBe(400);
  });

  it('hand registration: check character enforced, flagged pending until an inspector verifies it (audited)', async () => {
    const hospital = withUsccCheck('12320104466000001');
    const wrongCheck = `${hospital.slice(0, 17)}${hospital[17] === '0' ? '1' : '0'}`;
    const body = { uscc: hospital, name: '南京市第一医院', regionCode: '320104', industryCode: 'Q8411', address: '长乐路68号', lat: 32.02, lon: 118.79, note: '事业单位，法人库无记录' };
    expect((await t.call('POST', '/api/registry/hand-registrations', { token: inspector, body: { ...body, uscc: wrongCheck } })).status).toBe(400);
    const created = await t.call('POST', '/api/registry/hand-registrations', { token: inspector, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ uscc: hospital, name: '南京市第一医院', status: 'pending', registeredBy: 'inspector1', verifiedBy: null });
    expect((await t.call('GET', `/api/enterprises/${hospital}`, { token: inspector })).body).toMatchObject({ registered: true, name: '南京市第一医院', handRegistration: 'pending' });
    const listed = await t.call('GET', `/api/enterprises?q=${hospital}`, { token: inspector });
    expect(listed.body.items.map((i: { uscc: string; handRegistration: string }) => [i.uscc, i.handRegistration])).toEqual([[hospital, 'pending']]);
    expect((await t.call('GET', `/api/enterprises/${A}`, { token: inspector })).body.handRegistration).toBeNull();
    expect((await t.call('POST', '/api/registry/hand-registrations', { token: inspector, body })).status).toBe(409);
    // Enterprises from the library cannot be registered by hand.
    expect((await t.call('POST', '/api/registry/hand-registrations', { token: inspector, body: { ...body, uscc: A } })).status).toBe(409);
    expect((await t.call('GET', '/api/registry/hand-registrations?status=pending', { token: inspector })).body.items.map((i: { uscc: string }) => i.uscc)).toEqual([hospital]);

    const verified = await t.call('POST', `/api/registry/hand-registrations/${hospital}/verify`, { token: t.adminToken });
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: 'admin' });
    expect((await t.call('GET', `/api/enterprises/${hospital}`, { token: inspector })).body.handRegistration).toBe('verified');
    expect((await t.call('POST', `/api/registry/hand-registrations/${hospital}/verify`, { token: inspector })).status).toBe(409);
    expect((await t.call('POST', `/api/registry/hand-registrations/${A}/verify`, { token: inspector })).status).toBe(404);
    expect((await t.call('POST', '/api/registry/hand-registrations/nope/verify', { token: inspector })).status).toBe(400);
    const audit = await sql.query(`SELECT action, actor_name FROM audit_log WHERE target = $1 ORDER BY id`, [hospital]);
    expect(audit.rows).toEqual([{ action: 'registry.hand_registered', actor_name: 'inspector1' }, { action: 'registry.hand_verified', actor_name: 'admin' }]);
  });

  it('a district inspector imports and batch-edits only inside the jurisdiction', async () => {
    await sql.query(`INSERT INTO users (username, password_hash, role, region_prefixes) VALUES ('district1', $1, 'inspector', '{320104}')`, [await hashPassword('district1-pw-123')]);
    const district = await t.login('district1', 'district1-pw-123');
    const inside = usccOf('320104', 40);
    const outside = usccOf('320505', 41);
    const file = [HEADER, `${inside},辖区内公司,320104,C2614,,,`, `${outside},辖区外公司,320505,C2614,,,`, `${B},乙公司,320505,C2614,,,`].join('\r\n');
    const dry = await t.call('POST', '/api/registry/imports', { token: district, raw: csvForm(file) });
    expect(dry.status).toBe(201);
    // Line 3 is a region outside; line 4 would move B (in 320104) out of the district: both errors, line 2 imports.
    expect(dry.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[3, 'outside_jurisdiction'], [4, 'outside_jurisdiction']]);
    expect(dry.body.errors[0].message.zh).toContain('不在您的辖区内');
    expect(dry.body.counts).toMatchObject({ add: 1, change: 0 });
    // Batch edits: an enterprise outside is not found; a move out of the district is refused.
    await t.ingest('registry', registration(outside, '辖区外公司', 'reg-outside', '320505'));
    const listed = await t.call('POST', '/api/registry/batch-edits/preview', { token: district, body: { selection: { usccs: [B, outside] }, set: { industryCode: 'C2619' } } });
    expect(listed.status).toBe(404);
    const moved = await t.call('POST', '/api/registry/batch-edits/preview', { token: district, body: { selection: { usccs: [B] }, set: { regionCode: '320505' } } });
    expect([moved.status, moved.body.error.code]).toEqual([400, 'outside_jurisdiction']);
    const unscoped = await t.call('POST', '/api/registry/batch-edits/preview', { token: inspector, body: { selection: { usccs: [B, outside] }, set: { industryCode: 'C2619' } } });
    expect(unscoped.status).toBe(200);
  });
});
