import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob, saveBlob } from '../api/fetch-blob';

interface ExportButtonsProps {
  /** The export route without its extension, e.g. /api/enterprises or /api/lists/red. */
  path: string;
  /** The current filters as a query string without '?' (may be empty). */
  query?: string;
  /** The saved file's name without its extension. */
  fileName: string;
  testId?: string;
}

/**
 * CSV and Excel downloads of what the page shows. The export routes need the bearer token, so the file
 * is fetched as a blob (a plain link would send no Authorization header) and then saved.
 */
export function ExportButtons({ path, query = '', fileName, testId = 'export' }: ExportButtonsProps) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [failed, setFailed] = useState(false);
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';

  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setFailed(false);
    try {
      const params = new URLSearchParams(query);
      params.set('lang', lang);
      saveBlob(await fetchBlob(`${path}.${format}?${params.toString()}`), `${fileName}.${format}`);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };

  return (
    <span className="export-buttons" role="group" aria-label={t('exports.label')}>
      <button type="button" className="button button--secondary" onClick={() => download('csv')} disabled={busy !== null} data-testid={`${testId}-csv`}>
        {t('exports.csv')}
      </button>
      <button type="button" className="button button--secondary" onClick={() => download('xlsx')} disabled={busy !== null} data-testid={`${testId}-xlsx`}>
        {t('exports.xlsx')}
      </button>
      {failed && (
        <span className="field__error" role="alert">
          {t('exports.failed')}
        </span>
      )}
    </span>
  );
}
