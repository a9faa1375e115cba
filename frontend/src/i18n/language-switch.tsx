import { useTranslation } from 'react-i18next';
import { SUPPORTED_LANGUAGES, type Language } from './i18n';

const LABEL_KEYS = { 'zh-CN': 'language.zh', en: 'language.en' } as const satisfies Record<Language, string>;

/** Two-button toggle; the choice is persisted by the i18n instance's languageChanged handler. */
export function LanguageSwitch({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`language-switch language-switch--${tone}`} role="group" aria-label={t('language.label')}>
      {SUPPORTED_LANGUAGES.map((language) => {
        const active = i18n.resolvedLanguage === language;
        return (
          <button
            key={language}
            type="button"
            lang={language}
            className={active ? 'is-active' : undefined}
            aria-pressed={active}
            onClick={() => void i18n.changeLanguage(language)}
          >
            {t(LABEL_KEYS[language])}
          </button>
        );
      })}
    </div>
  );
}
