import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Puts the page's name in front of the app's in the browser tab (inspectors keep several tabs open), in the
 * current language, and gives the tab back the app's plain title when the page is left. The effect runs after
 * the language switch has set the plain title, so the page's name stays in front after a switch too.
 */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const appTitle = t('app.documentTitle');
  useEffect(() => {
    document.title = `${pageTitle} · ${appTitle}`;
    return () => {
      document.title = appTitle;
    };
  }, [pageTitle, appTitle]);
}
