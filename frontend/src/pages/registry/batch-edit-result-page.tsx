import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { BatchEditResult } from '../../api/registry-types';
import { useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/state-view';
import { useDocumentTitle } from '../../components/use-document-title';
import { sentenceLanguage } from '../../i18n/event-sentences';
import { changeText, registryValueText } from './registry-values';
import '../../styles/registry.css';

const SHOWN = 500;

/** /registry/batch-edits/:id — what a batch edit from the explorer changed. */
export function BatchEditResultPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('registry.batch.resultTitle'));
  const { id = '' } = useParams();
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const result = useApiQuery(`batch-edit-${id}`, (signal) => apiClient.get<BatchEditResult>(`/api/registry/batch-edits/${encodeURIComponent(id)}`, signal));
  if (result.status === 'loading') return <LoadingState />;
  if (result.status === 'error') return <ErrorState onRetry={result.reload}>{result.error instanceof Error ? result.error.message : t('errors.unknown')}</ErrorState>;
  const r = result.data;
  const what = [
    r.set.regionCode ? `${t('registry.fields.regionCode')} ${registryValueText('regionCode', r.set.regionCode, lang, t)}` : null,
    r.set.industryCode ? `${t('registry.fields.industryCode')} ${registryValueText('industryCode', r.set.industryCode, lang, t)}` : null,
  ].filter(Boolean).join('，');
  return (
    <>
      <PageHeader title={t('registry.batch.resultTitle')} subtitle={t('registry.batch.set', { what })} />
      <section className="card" data-testid="batch-result">
        <p data-testid="batch-summary">
          {t('registry.batch.resultSummary', { time: new Date(r.createdAt).toLocaleString(i18n.resolvedLanguage), user: r.createdBy, changed: r.changed.length, selected: r.selected, unchanged: r.unchanged, unregistered: r.unregistered })}
        </p>
        <ul className="rg-changed-list">
          {r.changed.slice(0, SHOWN).map((c) => (
            <li key={c.uscc}>
              <Link to={`/enterprises/${c.uscc}`}>{c.name}</Link> <span className="mono muted">{c.uscc}</span>
              <div>{c.changes.map((ch) => changeText(ch, lang, t)).join('；')}</div>
            </li>
          ))}
        </ul>
        {r.changed.length > SHOWN ? <p className="muted">{t('registry.import.shownFirst', { shown: SHOWN, total: r.changed.length })}</p> : null}
      </section>
    </>
  );
}
