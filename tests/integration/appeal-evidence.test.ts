import sharp from 'sharp';
import { ONE_PIXEL_PNG, penalty, registration, startPublicTestApp, usccOf, type PublicTestApp } from './public-test-app';

/**
 * Issue 14 §5 on a running app: an enterprise attaches evidence (PDF or image, type by magic bytes,
 * size-limited, images re-encoded) to its own pending appeal; staff and that enterprise can download it,
 * another enterprise gets 404 like for an unknown appeal.
 */
const A = usccOf('320102', 51);
const B = usccOf('320102', 52);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

describe('appeal evidence', () => {
  let t: PublicTestApp;
  let companyA: string;
  let companyB: string;
  let appealId: string;

  const account = async (username: string, enterpriseId: string, password: string): Promise<string> => {
    const created = await t.call('POST', '/api/accounts', { token: t.adminToken, body: { username, enterpriseId } });
    const first = await t.login(username, created.body.initialPassword);
    await t.call('POST', '/api/accounts/me/password', { token: first, body: { currentPassword: created.body.initialPassword, newPassword: password } });
    return t.login(username, password);
  };
  const upload = (token: string | null, bytes: Buffer, name: string, id = appealId) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return t.call('POST', `/api/appeals/${id}/evidence`, { token, raw: form });
  };
  const download = (token: string | null, evidenceId: string, id = appealId) =>
    fetch(`${t.app.url}/api/appeals/${id}/evidence/${evidenceId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    t = await startPublicTestApp();
    await t.ingest('registry', registration(A, '南京甲化工有限公司', 'ev-reg-a'));
    await t.ingest('registry', registration(B, '南京乙化工有限公司', 'ev-reg-b'));
    await t.ingest('enforcement', penalty(A, 'ev-pen-a', 'NJ-EV-1'));
    companyA = await account('ev-company-a', A, 'company-A-pw-123');
    companyB = await account('ev-company-b', B, 'company-B-pw-123');
    const filed = await t.call('POST', '/api/appeals', { token: companyA, body: { eventId: 'ev-pen-a', reasons: '监测报告有误，附检测报告' } });
    expect(filed.status).toBe(201);
    appealId = filed.body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores a PDF as sent and an image re-encoded, listed on the appeal', async () => {
    const pdf = await upload(companyA, PDF, '检测报告.pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ fileName: '检测报告.pdf', contentType: 'application/pdf', size: PDF.length });
    const png = await upload(companyA, ONE_PIXEL_PNG, 'photo.png');
    expect(png.body).toMatchObject({ contentType: 'image/png', fileName: 'photo.png' });

    const appeal = await t.call('GET', `/api/appeals/${appealId}`, { token: t.adminToken });
    expect(appeal.body.evidence.map((e: { id: string }) => e.id)).toEqual([pdf.body.id, png.body.id]);
    const listed = await t.call('GET', '/api/appeals?status=pending', { token: companyA });
    expect(listed.body.items[0].evidence).toHaveLength(2);

    // Staff download: the same PDF bytes, always as an attachment.
    const staff = await download(t.adminToken, pdf.body.id);
    expect(staff.status).toBe(200);
    expect(staff.headers.get('content-type')).toBe('application/pdf');
    expect(staff.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('检测报告.pdf')}`);
    expect(Buffer.from(await staff.arrayBuffer())).toEqual(PDF);
    // The image was decoded and encoded afresh.
    const image = Buffer.from(await (await download(companyA, png.body.id)).arrayBuffer());
    expect(await sharp(image).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
  });

  it('refuses other types, oversize files and other enterprises', async () => {
    const gif = await upload(companyA, Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'fake.pdf');
    expect([gif.status, gif.body.error?.code]).toEqual([400, 'unsupported_file_type']);
    const html = await upload(companyA, Buffer.from('<html><script>alert(1)</script></html>'), 'x.png');
    expect(html.status).toBe(400);
    const big = await upload(companyA, Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 'big.pdf');
    expect(big.status).toBe(413);
    const none = await t.call('POST', `/api/appeals/${appealId}/evidence`, { token: companyA, raw: new FormData() });
    expect(none.status).toBe(400);

    // Another enterprise: the appeal and its files do not exist for it.
    expect((await upload(companyB, PDF, 'x.pdf')).status).toBe(404);
    const evidenceId = (await t.call('GET', `/api/appeals/${appealId}`, { token: t.adminToken })).body.evidence[0].id;
    expect((await download(companyB, evidenceId)).status).toBe(404);
    expect((await download(null, evidenceId)).status).toBe(401);
    expect((await download(t.adminToken, '999999')).status).toBe(404);
    // Staff do not upload on an enterprise's behalf.
    expect((await upload(t.adminToken, PDF, 'x.pdf')).status).toBe(403);

    // At most 5 files, and none after the decision.
    for (let i = 0; i < 3; i++) expect((await upload(companyA, PDF, `more-${i}.pdf`)).status).toBe(201);
    expect((await upload(companyA, PDF, 'sixth.pdf')).body.error?.code).toBe('too_many_files');
    await t.call('POST', `/api/appeals/${appealId}/reject`, { token: t.adminToken, body: { reason: '材料不足' } });
    expect((await upload(companyA, PDF, 'late.pdf')).body.error?.code).toBe('already_decided');
    expect((await download(companyA, evidenceId)).status).toBe(200);
  });

  it('shows staff the appealed record in words and the report behind a verified complaint; not the enterprise', async () => {
    const sign = await t.call('GET', `/api/enterprises/${A}/sign`, { token: t.adminToken });
    const token = new URL(sign.body.publicUrl).pathname.split('/').pop()!;
    const report = await t.call('POST', `/api/public/${token}/complaints`, { body: { category: 'noise', text: '夜里机器轰鸣' } });
    await t.call('POST', `/api/complaints/${report.body.id}/verify`, { token: t.adminToken, body: { reason: '夜查属实' } });
    const filed = await t.call('POST', '/api/appeals', { token: companyA, body: { eventId: `complaint-verified-${report.body.id}`, reasons: '当晚停产，附停产记录' } });
    expect(filed.status).toBe(201);
    const staff = await t.call('GET', `/api/appeals/${filed.body.id}`, { token: t.adminToken });
    expect(staff.body).toMatchObject({
      eventType: 'enforcement.complaint_verified',
      eventData: { complaintId: `CMP-${report.body.id}` },
      complaint: { id: report.body.id, category: 'noise', text: '夜里机器轰鸣', hasPhoto: false },
    });
    expect(filed.body.complaint).toBeNull();
    const penaltyAppeal = (await t.call('GET', `/api/appeals/${appealId}`, { token: t.adminToken })).body;
    expect(penaltyAppeal.eventData).toMatchObject({ caseNo: 'NJ-EV-1', severity: 'general' });
  });
});
