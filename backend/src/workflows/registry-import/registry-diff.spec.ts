import { registryChanges, type CurrentRegistry } from './registry-diff';

const stored: CurrentRegistry = { uscc: '91320100MA1W9XKE6C', registered: true, name: '甲公司', regionCode: '320104', industryCode: 'C2614', address: null, lat: 32.05, lon: 118.78 };
const values = { name: '甲公司', regionCode: '320104', industryCode: 'C2614', address: null, lat: 32.05, lon: 118.78 };

describe('registryChanges', () => {
  it('is null (an addition) for an enterprise not registered yet', () => {
    expect(registryChanges(undefined, values)).toBeNull();
    expect(registryChanges({ ...stored, registered: false, name: null }, values)).toBeNull();
  });

  it('is empty when nothing differs, coordinates compared to the micro-degree', () => {
    expect(registryChanges(stored, { ...values, lat: 32.05 + 1e-12 })).toEqual([]);
  });

  it('names each changed field with its old and new value', () => {
    expect(registryChanges(stored, { ...values, regionCode: '320105', address: '江东北路 1 号', lon: null })).toEqual([
      { field: 'regionCode', from: '320104', to: '320105' },
      { field: 'address', from: null, to: '江东北路 1 号' },
      { field: 'lon', from: 118.78, to: null },
    ]);
  });
});
