import { renderNoticeText, type NoticeFacts } from './credit-notice-text';

const base: NoticeFacts = {
  noticeNo: 'GZ-2026-000001',
  enterpriseId: '91320102MA1W00001N',
  enterpriseName: '南京恒瑞化工有限公司',
  eventId: 'pen-1',
  eventType: 'enforcement.penalty',
  eventDay: '2026-03-10',
  data: { caseNo: 'XW-2026-017', severity: 'general', amountYuan: 50000, violation: '超标排放废水' },
  effect: { indicator: 'E2', points: 30, impact: 13.137, from: '2026-03-10', until: '2027-03-10', repairable: true },
  before: { day: '2026-03-10', score: 100, stars: 5, face: 'smile' },
  after: { day: '2026-03-10', score: 86.9, stars: 4, face: 'smile' },
  noticeDay: '2026-03-15',
  appealDeadline: '2026-04-14',
};

describe('renderNoticeText', () => {
  it('states the record, points, impact, before/after, how long, repair and the appeal deadline in plain words', () => {
    const text = renderNoticeText(base);
    expect(text).toContain('环保信用记录告知书');
    expect(text).toContain('南京恒瑞化工有限公司（统一社会信用代码：91320102MA1W00001N）');
    expect(text).toContain('案号 XW-2026-017');
    expect(text).toContain('罚款 50,000 元');
    expect(text).toContain('扣 30 分，对环境信用总分的加权影响为 -13.14 分');
    expect(text).toContain('由 100.0 分、5 星（笑脸）变为 86.9 分、4 星（笑脸）');
    expect(text).toContain('至 2027-03-09（含）止');
    expect(text).toContain('影响期可缩短');
    expect(text).toContain('30 日内（截至 2026-04-14）');
  });

  it('explains an order that carries no points yet', () => {
    const text = renderNoticeText({ ...base, eventType: 'enforcement.rectification_order', data: { orderNo: 'ZG-1', deadline: '2026-04-01' }, effect: null, before: null });
    expect(text).toContain('决定书编号 ZG-1');
    expect(text).toContain('尚未计分');
  });
});
