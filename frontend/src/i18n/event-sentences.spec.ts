import { industryName, regionName, regionShortName } from './code-names';
import { effectSentence, eventSentence, eventTypeName, formatImpact, lastCountedDay, sentenceLanguage, vetoDetail, type SentenceEffect } from './event-sentences';

const penalty = {
  type: 'enforcement.penalty',
  day: '2026-12-02',
  data: { caseNo: '常环罚〔2026〕1515号', severity: 'serious', amountYuan: 50000, violation: '超标排放' },
};
const e2: SentenceEffect = { indicator: 'E2', criterion: 'E', points: 50, impact: 21.895, from: '2026-12-02', until: '2027-12-02', repairable: true };
const RAW = /sim\.|[a-z]+_[a-z]+|\b[EMPSB]\d\b/;

describe('event sentences', () => {
  it('says a penalty effect as one sentence on the total-score scale, with the sub-score points secondary', () => {
    const s = effectSentence(e2, penalty, 'zh');
    expect(s.text).toBe(
      '2026-12-02 行政处罚（常环罚〔2026〕1515号，严重，罚款 50,000 元）：总分 −21.90（执法监管分项扣 50 分），计至 2027-12-01，整改完成后可提前结束（最早在处罚 90 天后）',
    );
    expect(s.impact).toBe('总分 −21.90');
    expect(effectSentence(e2, penalty, 'en').text).toBe(
      '2026-12-02 Administrative penalty (常环罚〔2026〕1515号, serious, fine ¥50,000): total score −21.90 (50 points off Enforcement), counts through 2027-12-01, ends early once rectified (not before 90 days)',
    );
  });

  it('shows the last day counted (until is exclusive), and open-ended effects until rectified', () => {
    expect(lastCountedDay('2027-12-02')).toBe('2027-12-01');
    expect(lastCountedDay('2027-03-01')).toBe('2027-02-28');
    expect(lastCountedDay(null)).toBeNull();
    const open = effectSentence({ ...e2, indicator: 'E3', until: null }, { type: 'enforcement.rectification_order', day: '2026-11-01', data: { orderNo: '常环改〔2026〕7号', deadline: '2026-12-01' } }, 'zh');
    expect(open.end).toBe('整改完成前持续');
    expect(open.repair).toBeNull();
    expect(open.what).toBe('2026-11-01 责令整改（常环改〔2026〕7号，限 2026-12-01 前完成）');
  });

  it('says a veto as the rating and a bonus as a plus, never a raw code', () => {
    const veto = effectSentence(
      { indicator: 'E7', criterion: 'V', points: 0, impact: 0, from: '2026-11-20', until: '2027-11-20', repairable: false },
      { type: 'enforcement.veto', day: '2026-11-20', data: { reason: 'secret_discharge_pipe' } },
      'zh',
    );
    expect(veto.text).toBe('2026-11-20 一票否决（私设暗管偷排）：一票否决，评为 1 星，计至 2027-11-19');
    const bonus = effectSentence({ indicator: 'B1', criterion: 'B', points: 2, impact: 2, from: '2026-10-01', until: '2027-10-01', repairable: false }, null, 'en');
    expect(bonus.text).toBe('2026-10-01 Award: total score +2, counts through 2027-09-30');
    expect(veto.text).not.toMatch(RAW);
    expect(bonus.text).not.toMatch(RAW);
  });

  it('names an effect by its indicator when the event is not known, and a capped-out one plainly', () => {
    const s = effectSentence({ indicator: 'S1', criterion: 'S', points: 0, impact: 0, from: '2026-12-01', until: '2027-03-01', repairable: false }, undefined, 'zh');
    expect(s.text).toBe('2026-12-01 投诉查实：总分 0（已达当日扣分上限，本项不再扣分），计至 2027-02-28');
  });

  it('turns every contract event type into words, never snake_case', () => {
    const events = [
      { type: 'monitoring.reading', data: { pointId: 'DW001', pollutant: 'COD', value: 120, limit: 50, unit: 'mg/L' } },
      { type: 'monitoring.gap', data: { pointId: 'DA001', hours: 3 } },
      { type: 'monitoring.falsification', data: { caseNo: 'X1' } },
      { type: 'permit.issued', data: { permitNo: 'P-1', validFrom: '2026-01-01', validUntil: '2030-12-31' } },
      { type: 'permit.renewed', data: { permitNo: 'P-1', validFrom: '2026-01-01', validUntil: '2030-12-31' } },
      { type: 'permit.revoked', data: { permitNo: 'P-1' } },
      { type: 'permit.report_overdue', data: { permitNo: 'P-1', reportType: 'monthly', period: '2026-11', dueDate: '2026-12-15' } },
      { type: 'permit.report_submitted', data: { permitNo: 'P-1', reportType: 'annual', period: '2025' } },
      { type: 'enforcement.inspection', data: { inspectionId: 'I-1', result: 'violation_found', findings: '无组织排放' } },
      { type: 'enforcement.rectification_completed', data: { ref: 'R-1' } },
      { type: 'enforcement.incident', data: { incidentId: 'INC-1', level: 'especially_major' } },
      { type: 'enforcement.veto', data: { reason: 'illegal_hazardous_waste_dumping' } },
      { type: 'enforcement.complaint_verified', data: { complaintId: 'C-1' } },
      { type: 'enforcement.award', data: { title: '绿色工厂', level: 'provincial' } },
      { type: 'enforcement.voided', data: { targetEventId: 'sim.8669f40b.e8.insp.20261107.penalty', reason: '复议撤销' } },
      { type: 'enterprise.upserted', data: { name: '常州恒瑞化工有限公司' } },
      { type: 'something.brand_new', data: {} },
    ];
    for (const lang of ['zh', 'en'] as const) {
      for (const event of events) expect(eventSentence(event, lang)).not.toMatch(RAW);
    }
    expect(eventSentence(events[0], 'zh')).toBe('在线监测读数（DW001，COD 120 mg/L，限值 50，为限值的 2.4 倍）');
    expect(eventSentence({ ...events[6], day: '2026-12-16' }, 'zh')).toBe('2026-12-16 执行报告逾期（2026-11 月度报告，应于 2026-12-15 前提交）');
    expect(eventTypeName('enforcement.complaint_verified', 'en')).toBe('Verified complaint');
    expect(eventTypeName('x.brand_new', 'en')).toBe('Brand new');
  });

  it('formats the weighted impact the same way for every screen', () => {
    expect(formatImpact(e2)).toBe('−21.90');
    expect(formatImpact({ ...e2, criterion: 'B', indicator: 'B1', impact: 2 })).toBe('+2');
    expect(formatImpact({ ...e2, criterion: 'V', indicator: 'E7', impact: 0 })).toBe('—');
  });

  it('maps i18next languages', () => {
    expect(sentenceLanguage('zh-CN')).toBe('zh');
    expect(sentenceLanguage('en')).toBe('en');
    expect(sentenceLanguage(undefined)).toBe('zh');
  });
});

describe('code names', () => {
  it('names regions by GB/T 2260 code, falling back to the city with the code', () => {
    expect(regionName('320412', 'zh')).toBe('常州市武进区');
    expect(regionName('320412', 'en')).toBe('Wujin District, Changzhou');
    expect(regionShortName('320412', 'zh')).toBe('武进区');
    expect(regionName('320400', 'zh')).toBe('常州市');
    expect(regionName('320281', 'zh')).toBe('江阴市');
    expect(regionName('320000', 'zh')).toBe('江苏省');
    expect(regionName('320499', 'zh')).toBe('常州市 (320499)');
    expect(regionName('999999', 'zh')).toBe('999999');
    expect(regionName(null, 'zh')).toBe('—');
  });

  it('names GB/T 4754 industry classes, falling back to the division', () => {
    expect(industryName('D4620', 'zh')).toBe('污水处理及其再生利用');
    expect(industryName('C2511', 'zh')).toBe('原油加工及石油制品制造'); // test fixtures
    expect(industryName('C2614', 'en')).toBe('Organic chemical raw materials manufacturing');
    expect(industryName('D4500', 'zh')).toBe('燃气生产和供应业 (D4500)');
    expect(industryName('Z9999', 'zh')).toBe('Z9999');
  });

  it('covers every district and industry of the simulator', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SIM_DISTRICTS, SIM_INDUSTRIES } = require('../../../streams/src/simulator/simulation-catalog') as {
      SIM_DISTRICTS: { code: string; name: string }[];
      SIM_INDUSTRIES: { code: string; label: string }[];
    };
    for (const d of SIM_DISTRICTS) expect(regionShortName(d.code, 'zh')).toBe(d.name);
    for (const i of SIM_INDUSTRIES) expect(industryName(i.code, 'zh')).toBe(i.label);
  });
});

describe('veto detail', () => {
  it('says the veto in force on the day, with its last counted day', () => {
    const veto = { indicator: 'E7', criterion: 'V', points: 0, impact: 0, from: '2026-11-20', until: '2027-11-20', repairable: false, source: { type: 'enforcement.veto', day: '2026-11-20', data: { reason: 'secret_discharge_pipe' } } };
    expect(vetoDetail([e2, veto], '2026-12-02', 'zh')).toBe('2026-11-20 一票否决（私设暗管偷排），计至 2027-11-19');
    expect(vetoDetail([e2], '2026-12-02', 'zh')).toBeNull();
  });
});
