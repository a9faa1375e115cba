import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.resource';
import { zhCN } from './zh-cn.resource';

export const SUPPORTED_LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** localStorage (not sessionStorage): a language choice is not sensitive and should survive closing the browser. */
export const LANGUAGE_STORAGE_KEY = 'envface.language';
/**
 * The same choice as a cookie, read by the server only to render the public QR page's first paint in the
 * language the app will show (#14 §6). Not a session, not sensitive: a year, whole site, SameSite=Lax.
 */
export const LANGUAGE_COOKIE = 'envface.language';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can throw (privacy mode, disabled cookies): fall back to the default rather than fail to start.
    return DEFAULT_LANGUAGE;
  }
}

function reflectLanguage(instance: I18n, language: string, starting = false): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  // At start the document keeps the title it came with: index.html's (both languages), or the one the
  // server rendered for a public page (the enterprise's name) until the page sets its own.
  if (!starting) document.title = instance.t('app.documentTitle');
  if (isLanguage(language)) document.cookie = `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** Creates and synchronously initialises an i18next instance (tests create their own with a fixed language). */
export function createI18n(language: Language = readStoredLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    initAsync: false,
  });
  reflectLanguage(instance, language, true);
  instance.on('languageChanged', (lng) => {
    reflectLanguage(instance, lng);
    try {
      globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, lng);
    } catch {
      // Not persisting is acceptable; the switch still applies to this page.
    }
  });
  return instance;
}
