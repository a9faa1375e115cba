import type { PublicView } from '@envface/streams';
import { publicViewFingerprint } from './public-view-fingerprint';

const view: PublicView = {
  name: '南京绿源化工有限公司',
  uscc: '91320102MA1P000019',
  score: 88.5,
  stars: 4,
  face: 'smile',
  colour: 'green',
  grade: 'good',
  last30: [{ day: '2026-12-01', stars: 4, face: 'smile' }],
  penalties: [],
  underAppeal: false,
} as PublicView;

describe('publicViewFingerprint', () => {
  it('is the same for the same view whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(view).reverse()) as PublicView;
    expect(publicViewFingerprint(reordered)).toBe(publicViewFingerprint(view));
    expect(publicViewFingerprint(view)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('changes when anything a citizen sees changes', () => {
    const base = publicViewFingerprint(view);
    expect(publicViewFingerprint({ ...view, score: 88.4 })).not.toBe(base);
    expect(publicViewFingerprint({ ...view, underAppeal: true })).not.toBe(base);
    expect(publicViewFingerprint({ ...view, penalties: [{ day: '2026-12-02', caseNo: 'X-1', violation: '超标', publicText: null }] } as PublicView)).not.toBe(base);
  });
});
