import { MemoryStorage } from '../api/memory-storage';
import { en } from './en.resource';
import { createI18n, LANGUAGE_STORAGE_KEY } from './i18n';
import { zhCN } from './zh-cn.resource';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    keyPaths(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('i18n', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('has the same keys in Chinese and English, none empty', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(zhCN).sort());
    const values = [...keyPaths(en).map((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en))];
    expect(values.every((v) => typeof v === 'string' && v.trim() !== '')).toBe(true);
  });

  it('defaults to Simplified Chinese', () => {
    expect(createI18n().t('nav.overview')).toBe('总览');
  });

  it('persists the chosen language and starts with it next time', async () => {
    const first = createI18n();
    await first.changeLanguage('en');
    expect(first.t('nav.overview')).toBe('Overview');
    expect(storage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(createI18n().resolvedLanguage).toBe('en');
  });

  it('ignores an unknown stored language', () => {
    storage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(createI18n().resolvedLanguage).toBe('zh-CN');
  });
});
