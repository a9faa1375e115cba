import { auditDetailLines, type AuditDetailWords } from './audit-detail';

const words: AuditDetailWords = {
  label: (key) => ({ knownAccount: '账号存在', consecutiveFailures: '连续失败次数', from: '原值', to: '新值', filters: '筛选条件', stars: '星级' })[key] ?? null,
  yes: '是',
  no: '否',
};

describe('auditDetailLines', () => {
  it('labels known fields and says booleans and numbers in words', () => {
    expect(auditDetailLines({ knownAccount: false, consecutiveFailures: 3 }, words)).toEqual([
      { key: 'knownAccount', label: '账号存在', value: '否' },
      { key: 'consecutiveFailures', label: '连续失败次数', value: '3' },
    ]);
  });

  it('joins lists, shows empty ones and nulls as a dash, and keeps unknown keys as they are', () => {
    expect(auditDetailLines({ from: ['3201', '3202'], to: [], outcomeCode: null }, words)).toEqual([
      { key: 'from', label: '原值', value: '3201, 3202' },
      { key: 'to', label: '新值', value: '—' },
      { key: 'outcomeCode', label: 'outcomeCode', value: '—' },
    ]);
  });

  it('puts before ahead of after whatever order the stored JSON has, and lets the page word domain values', () => {
    const lines = auditDetailLines({ to: ['3202'], from: ['320113'] }, { ...words, value: (key, raw) => (key === 'from' || key === 'to' ? (raw as string[]).map((p) => `区划${p}`).join('、') : null) });
    expect(lines).toEqual([
      { key: 'from', label: '原值', value: '区划320113' },
      { key: 'to', label: '新值', value: '区划3202' },
    ]);
  });

  it('writes nested objects (export filters) as labelled pairs, not JSON', () => {
    const [line] = auditDetailLines({ filters: { stars: '1,2', region: '3201' } }, words);
    expect(line!.value).toBe('星级: 1,2; region: 3201');
    expect(line!.value).not.toContain('{');
  });
});
