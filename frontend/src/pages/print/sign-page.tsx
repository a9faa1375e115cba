import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { SignJson } from '../../api/public-types';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorState, LoadingState } from '../../components/state-view';
import { SignCard } from './sign-card';
import '../../styles/public.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** /print/sign/:uscc — one printable sign, plus token rotation (the old code stops working at once). */
export function SignPage() {
  const { uscc = '' } = useParams();
  const { t } = useTranslation();
  const path = `/api/enterprises/${encodeURIComponent(uscc)}/sign`;
  const sign = useApiQuery(path, (signal) => apiClient.get<SignJson>(path, signal));
  useDocumentTitle(sign.status === 'success' ? `${sign.data.name ?? sign.data.uscc} · ${t('app.pageTitles.sign')}` : t('app.pageTitles.sign'));
  const [notice, setNotice] = useState<string | null>(null);

  async function rotate() {
    if (!window.confirm(t('print.rotateConfirm'))) return;
    await apiClient.post(`/api/enterprises/${encodeURIComponent(uscc)}/public-token/rotate`, {});
    setNotice(t('print.rotated'));
    sign.reload();
  }

  return (
    <div>
      <div className="sign-toolbar">
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void rotate()} data-testid="rotate-token">
          {t('print.rotate')}
        </button>
        {notice ? <span role="status">{notice}</span> : null}
      </div>
      {sign.status === 'loading' ? <LoadingState /> : null}
      {sign.status === 'error' ? <ErrorState title={t('state.error')} onRetry={sign.reload} /> : null}
      {sign.status === 'success' ? <SignCard sign={sign.data} /> : null}
    </div>
  );
}
