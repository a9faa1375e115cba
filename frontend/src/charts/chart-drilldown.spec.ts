import { explorerLinkForClick } from './chart-drilldown';

describe('explorerLinkForClick', () => {
  it('opens the explorer filtered to the clicked star level', () => {
    expect(explorerLinkForClick({ seriesId: 'stars-2', dataIndex: 5 }, { kind: 'trend' })).toBe('/enterprises?stars=2');
    expect(explorerLinkForClick({ dataIndex: 0 }, { kind: 'distribution' })).toBe('/enterprises?stars=1');
  });

  it('adds the breakdown row, except the unknown group', () => {
    expect(explorerLinkForClick({ seriesId: 'stars-1', dataIndex: 1 }, { kind: 'region', keys: ['320102', '320412'] })).toBe('/enterprises?region=320412&stars=1');
    expect(explorerLinkForClick({ seriesId: 'stars-3', dataIndex: 0 }, { kind: 'industry', keys: ['unknown'] })).toBe('/enterprises?stars=3');
    expect(explorerLinkForClick({ seriesId: 'other' }, { kind: 'trend' })).toBeNull();
  });
});
