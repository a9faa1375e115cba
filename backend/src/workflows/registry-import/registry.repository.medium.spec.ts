import { withUsccCheck } from '@envface/streams';
import { createMediumDatabase, type MediumDatabase } from '../../../../tests/support/medium-database';
import { RegistryRepository } from './registry.repository';

/** The registry workflow tables on real PostgreSQL: the apply claim, hand registrations, batch edits. */
describe('RegistryRepository (PostgreSQL)', () => {
  let m: MediumDatabase;
  const repo = new RegistryRepository();
  const row = { row: 2, uscc: '91320104MA1P000016', name: '甲', regionCode: '320104', industryCode: 'C2614', address: null, lat: null, lon: null };

  beforeAll(async () => {
    m = await createMediumDatabase();
  });
  afterAll(async () => {
    await m?.close();
  });

  it('keeps an import with its rows; the first apply fixes the instant, a retry resumes it, a finished one is closed', async () => {
    const created = await repo.insertImport(m.db, { fileName: '名单.csv', sha256: 'x', createdAt: new Date('2026-03-15T04:00:00Z'), createdBy: 'inspector1', rows: [row], errors: [], rowCount: 1 });
    expect((await repo.getImport(m.db, created.id))!.rows).toEqual([row]);
    const first = await repo.claimApply(m.db, created.id, new Date('2026-03-15T04:01:00Z'), 'inspector1');
    // A retry (say, after the first attempt failed half-way) gets the same instant and the first account.
    const retry = await repo.claimApply(m.db, created.id, new Date('2026-03-15T04:05:00Z'), 'admin');
    expect(retry).toEqual(first);
    expect(first!.appliedAt.toISOString()).toBe('2026-03-15T04:01:00.000Z');
    await repo.finishApply(m.db, created.id, { added: 1, changed: 0, unchanged: 0, errorRows: 0, events: 1 });
    expect(await repo.claimApply(m.db, created.id, new Date(), 'admin')).toBeNull();
    expect(await repo.claimApply(m.db, '999999', new Date(), 'admin')).toBeNull();
  });

  it('registers by hand once and verifies once', async () => {
    const uscc = withUsccCheck('12320104466000001');
    expect(await repo.insertHandRegistration(m.db, { uscc, eventId: 'e1', at: new Date(), by: 'inspector1', note: null })).toBe(true);
    expect(await repo.insertHandRegistration(m.db, { uscc, eventId: 'e2', at: new Date(), by: 'inspector2', note: null })).toBe(false);
    expect((await repo.handRegistrations(m.db, 'pending')).map((h) => h.uscc)).toEqual([uscc]);
    expect(await repo.verify(m.db, uscc, new Date(), 'admin')).toBe(true);
    expect(await repo.verify(m.db, uscc, new Date(), 'admin')).toBe(false);
    expect(await repo.handRegistrations(m.db, 'pending')).toEqual([]);
    expect((await repo.handRegistration(m.db, uscc))!.verifiedBy).toBe('admin');
  });

  it('stores a batch edit under the id taken before its events were sent', async () => {
    const id = await repo.nextBatchEditId(m.db);
    await repo.insertBatchEdit(m.db, {
      id, createdAt: new Date('2026-03-15T04:00:00Z'), createdBy: 'inspector1', set: { regionCode: '320105' }, selected: 2, unchanged: 1, unregistered: 0,
      changed: [{ uscc: row.uscc, name: '甲', changes: [{ field: 'regionCode', from: '320104', to: '320105' }] }],
    });
    expect(await repo.batchEdit(m.db, id)).toMatchObject({ id, createdBy: 'inspector1', set: { regionCode: '320105' }, selected: 2, unchanged: 1 });
    expect(await repo.batchEdit(m.db, String(Number(id) + 1))).toBeNull();
  });
});
