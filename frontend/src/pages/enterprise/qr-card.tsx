import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob, saveBlob } from '../../api/fetch-blob';
import { EmptyState, LoadingState } from '../../components/state-view';

/** The enterprise's QR code (H9's routes /api/enterprises/{uscc}/qr.svg|png), shown and downloadable. */
export function QrCard({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ok'; url: string } | { status: 'error' }>({ status: 'loading' });
  const [busy, setBusy] = useState<'svg' | 'png' | null>(null);
  const base = `/api/enterprises/${encodeURIComponent(uscc)}`;

  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    setState({ status: 'loading' });
    fetchBlob(`${base}/qr.svg`, controller.signal).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        setState({ status: 'ok', url });
      },
      () => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [base]);

  async function download(kind: 'svg' | 'png') {
    setBusy(kind);
    try {
      saveBlob(await fetchBlob(`${base}/qr.${kind}`), `envface-${uscc}.${kind}`);
    } catch {
      setState({ status: 'error' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card enterprise__qr" aria-labelledby="qr-title">
      <h2 id="qr-title" className="card__title">
        {t('enterprise.qrTitle')}
      </h2>
      {state.status === 'loading' ? (
        <LoadingState compact />
      ) : state.status === 'error' ? (
        <EmptyState compact title={t('enterprise.qrUnavailable')} />
      ) : (
        <>
          <img className="enterprise__qr-image" src={state.url} alt={t('enterprise.qrTitle')} width={180} height={180} />
          <p className="muted enterprise__qr-hint">{t('enterprise.qrHint')}</p>
          <div className="enterprise__qr-actions">
            <button type="button" className="button button--secondary button--small" onClick={() => download('svg')} disabled={busy !== null}>
              {busy === 'svg' ? t('enterprise.downloading') : t('enterprise.qrDownloadSvg')}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => download('png')} disabled={busy !== null}>
              {busy === 'png' ? t('enterprise.downloading') : t('enterprise.qrDownloadPng')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
